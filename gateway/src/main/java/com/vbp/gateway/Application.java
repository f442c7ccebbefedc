package com.vbp.gateway;

import com.vbp.service.ServiceMain;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The gateway: the REST API, security, Excel files and the web console. Run alone it is the distributed gateway,
 * which sends commands and queries to the command side and the query side through Axon Server; the standalone
 * module imports it together with both sides into one JVM.
 */
@SpringBootApplication
public class Application {

    public static void main(String[] args) {
        ServiceMain.run(Application.class, args, null, "distributed");
    }
}
