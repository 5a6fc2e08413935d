/**
 * Agencies as configuration: each agency is one YAML file that a non-programmer can read beside its
 * service standard. {@link AgencyCatalog} loads and validates them and answers which agency owns a
 * channel address. No framework: services wire it themselves.
 */
@NullMarked
package id.aduan.agency;

import org.jspecify.annotations.NullMarked;
