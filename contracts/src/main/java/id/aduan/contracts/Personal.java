package id.aduan.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that may carry personal data (UU PDP 27/2022): a citizen's address on a
 * channel, a name, a text a citizen or an officer wrote, a raw payload. The services see the clear
 * value; on the topic (and in a dead letter, and in an outbox entry) it travels only as ciphertext,
 * written by the serialisation that every service shares (docs/adr/0026). Which components are
 * personal is decided here, by schema, never by looking at a value.
 *
 * <p>On the wire a marked value is the JSON object {@code {"$pii":"enc:v1:<key id>:<...>"}} whose
 * ciphertext holds the value's own JSON; a plain JSON value in its place is a message written
 * before encryption (or by a test) and is read as it is.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER
})
public @interface Personal {}
