/** The WhatsApp channel: webhooks in, Graph API calls out. */
@NullMarked
package id.aduan.whatsapp;

import org.jspecify.annotations.NullMarked;
