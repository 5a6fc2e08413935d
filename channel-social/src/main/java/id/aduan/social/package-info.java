/** Facebook Messenger and Instagram direct messages (Meta webhooks) both ways. */
@NullMarked
package id.aduan.social;

import org.jspecify.annotations.NullMarked;
