/** Wiring and typed settings of channel-whatsapp (Cloud API and Twilio). */
@NullMarked
package id.aduan.whatsapp.config;

import org.jspecify.annotations.NullMarked;
