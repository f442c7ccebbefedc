package com.vbp.query.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;

/**
 * An event store on the command side's schema in the H2 database {@code test.event-store-url}, for query-side
 * applications started by a test (one shared by two instances, as Axon Server is in distributed mode, or one of a
 * test's own). Not a {@code @Configuration}: the other query-side tests' component scan must not find it; tests
 * name it as a source of their application.
 */
public class H2EventStore {

    @Bean
    DataSource eventStoreDataSource(@Value("${test.event-store-url}") String url) {
        DataSource dataSource = DataSourceBuilder.create().driverClassName("org.h2.Driver").url(url)
                .username("sa").password("").build();
        new ResourceDatabasePopulator(new FileSystemResource("../command-side/src/main/resources/axon-h2-schema.sql"))
                .execute(dataSource);
        return dataSource;
    }
}
