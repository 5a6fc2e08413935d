/** Work on a timer: the later downloads of media that failed while their message was published. */
@NullMarked
package id.aduan.whatsapp.scheduling;

import org.jspecify.annotations.NullMarked;
