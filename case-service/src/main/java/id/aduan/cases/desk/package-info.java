/**
 * An officer's work on a case that is not a lifecycle transition: assigning an officer, internal
 * notes, replies to the citizen on their channel. Same rules as the transitions: one write guarded
 * by the version, an audit entry, events through the case's outbox.
 */
@NullMarked
package id.aduan.cases.desk;

import org.jspecify.annotations.NullMarked;
