package com.vbp.gateway.problem;

import com.vbp.gateway.security.ProblemWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;

/**
 * {@code /error} is where the servlet container forwards a failed request; asked for directly it has no error to
 * describe, and Spring's error controller answered 500 ("status 999"). A direct request is answered as any path
 * without an endpoint: 404 NOT_FOUND. Error dispatches are not filtered and reach the error controller as before.
 */
@Configuration
public class ErrorPathConfiguration {

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> directErrorPath(ProblemWriter problems) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws java.io.IOException {
                        problems.write(response, RequestProblems.noSuchPath());
                    }
                });
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/error", "/error/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
