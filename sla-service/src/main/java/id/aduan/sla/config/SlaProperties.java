package id.aduan.sla.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultWorkingDays the completion deadline when an agency's configuration sets none
 */
@ConfigurationProperties("aduan.sla")
public record SlaProperties(@DefaultValue("5") int defaultWorkingDays) {}
