/**
 * The case's documents (docs/adr/0048): the berita acara of a resolved case and the case record,
 * rendered server-side as PDF in Bahasa Indonesia (English when asked), the masked renderings kept
 * in the case service's GridFS with their type, size and SHA-256, and the archive bundles (one
 * case, or one agency's period) as zip files.
 */
@NullMarked
package id.aduan.cases.documents;

import org.jspecify.annotations.NullMarked;
