package com.vbp.query;

import com.vbp.service.ServiceMain;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side as its own process (distributed mode): projections fed from Axon Server into an external
 * MongoDB, health and metrics on its management port. In standalone mode the standalone module hosts
 * {@link com.vbp.query.config.ReadModelConfiguration} instead.
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        ServiceMain.run(QuerySideApplication.class, args, "query-side", "distributed");
    }
}
