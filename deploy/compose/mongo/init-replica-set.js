// Initiates replica set rs0 on the three Compose members once, then waits until one is primary.
// Run by the mongo-init service with the root credentials; running it again changes nothing.
const members = [
  { _id: 0, host: "mongo-1:27017" },
  { _id: 1, host: "mongo-2:27017" },
  { _id: 2, host: "mongo-3:27017" },
];
let initiated = true;
try {
  rs.status();
} catch (e) {
  if (e.codeName !== "NotYetInitialized") throw e;
  initiated = false;
}
if (!initiated) {
  rs.initiate({ _id: "rs0", members: members });
  print("rs0 initiated with " + members.length + " members");
}
for (let i = 0; i < 120; i++) {
  const primary = rs.status().members.find((m) => m.stateStr === "PRIMARY");
  if (primary) {
    print("rs0 primary: " + primary.name);
    quit(0);
  }
  sleep(1000);
}
print("rs0 has no primary after 120 s");
quit(1);
