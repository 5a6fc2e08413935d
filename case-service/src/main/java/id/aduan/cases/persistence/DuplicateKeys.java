package id.aduan.cases.persistence;

import id.aduan.cases.domain.Duplicates;
import id.aduan.cases.domain.IdentityKeys;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveEvent;
import org.springframework.stereotype.Component;

/**
 * Writes a case's duplicate keys ({@link Duplicates#keys}: its identity keys and keyed MinHash band
 * hashes of its citizen text) into {@link Cases#DUP_KEYS} on every insert and save, from the clear
 * state, so that {@link Cases#duplicateCandidates} finds it by index. The keys are keyed hashes: no
 * text or identity is stored in clear.
 */
@Component
public class DuplicateKeys extends AbstractMongoEventListener<CaseDocument> {

  private final IdentityKeys identityKeys;

  public DuplicateKeys(IdentityKeys identityKeys) {
    this.identityKeys = identityKeys;
  }

  @Override
  public void onBeforeSave(BeforeSaveEvent<CaseDocument> event) {
    var state = event.getSource().state();
    event
        .getDocument()
        .put(
            Cases.DUP_KEYS,
            Duplicates.keys(state.citizenText(), state.identityKeys(), identityKeys::textBand));
  }
}
