package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.console.Access;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call each route of the agent API is declared in the route table, and held to: the routes are read from
 * Javalin's router, so a new route without a declared {@link Access} fails here, and every admin route is tried as a
 * plain agent and every route without a session.
 */
class RouteAccessTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);
    private static TestApp baton;
    private static List<Endpoint> apiRoutes;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD));
        baton.addAgent("sam@test.example", "Sam Lee", AgentRole.AGENT, 5, PASSWORD, "general");
        apiRoutes = new ArrayList<>();
        for (var parsed : baton.javalin().unsafe.internalRouter.allHttpHandlers()) {
            if (HTTP_METHODS.contains(parsed.endpoint.method) && parsed.endpoint.path.startsWith("/api/")) {
                apiRoutes.add(parsed.endpoint);
            }
        }
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void every_api_route_declares_exactly_one_access() {
        List<String> undeclared = new ArrayList<>();
        for (Endpoint route : apiRoutes) {
            if (declared(route).size() != 1) {
                undeclared.add(route.method + " " + route.path + " " + declared(route));
            }
        }
        assertTrue(apiRoutes.size() > 40, "the routes were read from Javalin: " + apiRoutes.size());
        assertEquals(List.of(), undeclared);
    }

    @Test
    void a_plain_agent_is_refused_every_admin_route() {
        ConsoleApi sam = ConsoleApi.loggedIn(baton.port(), "sam@test.example", PASSWORD);
        List<String> let = new ArrayList<>();
        int tried = 0;
        for (Endpoint route : routesFor(Access.ADMIN)) {
            var response = sam.send(route.method.name(), concrete(route.path), Map.of(), true);
            tried++;
            if (response.status() != 403 || !"forbidden".equals(response.body().path("error").asText())) {
                let.add(route.method + " " + route.path + " -> " + response.status());
            }
        }
        assertTrue(tried >= 37, "admin routes tried: " + tried);
        assertEquals(List.of(), let, "admin routes a plain agent got past the guard on");
    }

    @Test
    void an_admin_passes_the_guard_of_admin_routes() {
        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "admin@test.example", PASSWORD);

        for (String path : List.of("/api/kb/articles", "/api/kb/calibration", "/api/webhooks", "/api/kb/gaps")) {
            assertEquals(200, admin.send("GET", path, null, true).status(), path);
        }
    }

    @Test
    void without_a_session_only_logging_in_is_open() {
        ConsoleApi stranger = new ConsoleApi(baton.port());
        List<String> open = new ArrayList<>();
        for (Endpoint route : apiRoutes) {
            if (declared(route).contains(Access.ANYONE)) {
                open.add(route.method + " " + route.path);
                continue;
            }
            int status = stranger.send(route.method.name(), concrete(route.path), Map.of(), true).status();
            assertEquals(401, status, route.method + " " + route.path);
        }
        assertEquals(List.of("POST /api/login"), open);
    }

    private static Set<RouteRole> declared(Endpoint route) {
        Roles roles = route.metadata(Roles.class);
        return roles == null ? Set.of() : roles.getRoles();
    }

    private static List<Endpoint> routesFor(Access access) {
        return apiRoutes.stream().filter(route -> declared(route).contains(access)).toList();
    }

    /** The path with made-up values for its parameters: the guard answers before anything looks them up. */
    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "no-such-id");
    }
}
