package com.vbp.gateway.problem;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat answers the requests it refuses itself with problem+json too ({@link ProblemErrorReportValve}). */
@Configuration(proxyBeanMethods = false)
public class TomcatProblems {

    @Bean
    TomcatContextCustomizer problemErrorReports() {
        // Set before the host starts: the host then installs this valve in place of its HTML ErrorReportValve.
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }
}
