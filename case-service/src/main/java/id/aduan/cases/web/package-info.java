/** Inbound HTTP: the officers' API and workspace, the citizens' intake, status and sign-in. */
@NullMarked
package id.aduan.cases.web;

import org.jspecify.annotations.NullMarked;
