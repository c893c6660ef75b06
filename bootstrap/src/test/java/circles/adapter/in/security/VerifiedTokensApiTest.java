package circles.adapter.in.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bearer JWT verified once is answered from memory when it comes again (docs/caches.md), which must change nothing
 * about who gets in: an expired token is refused although it was verified before, a token changed in any byte is
 * verified (and refused), and another token of the same subject is verified and acted on with its own claims.
 */
@QuarkusTest
class VerifiedTokensApiTest {

    private static int status(String token, String path) {
        return given().header("Authorization", "Bearer " + token).get(path).statusCode();
    }

    @Test
    void an_expired_token_is_refused_although_it_was_verified_before() throws InterruptedException {
        String subject = "short-" + UUID.randomUUID();
        long expiresAt = Instant.now().getEpochSecond() + 3;
        String token = Jwt.issuer(TestTokens.ISSUER).subject(subject).preferredUserName(subject)
                .claim("name", "Short").expiresAt(expiresAt).sign();
        assertThat(status(token, "/v1/me")).isEqualTo(200);
        assertThat(status(token, "/v1/me")).isEqualTo(200);

        while (Instant.now().getEpochSecond() <= expiresAt + 1) {
            Thread.sleep(200);
        }

        assertThat(status(token, "/v1/me")).isEqualTo(401);
    }

    @Test
    void a_tampered_token_is_refused_after_the_genuine_one_was_verified() {
        String subject = "genuine-" + UUID.randomUUID();
        String token = TestTokens.forUser(subject);
        assertThat(status(token, "/v1/me")).isEqualTo(200);
        assertThat(status(token, "/v1/me")).isEqualTo(200);

        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"groups\":[]", "\"groups\":[\"platform-admin\"]")
                .replace(subject, TestTokens.PLATFORM_ADMIN_SUBJECT);
        assertThat(forged).isNotEqualTo(payload);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String badSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(status(tampered, "/v1/me")).isEqualTo(401);
        assertThat(status(badSignature, "/v1/me")).isEqualTo(401);
        assertThat(status(token, "/v1/me")).isEqualTo(200);
    }

    @Test
    void another_token_of_the_same_subject_is_verified_and_acted_on_with_its_own_claims() throws Exception {
        String subject = "twice-" + UUID.randomUUID();
        String plain = TestTokens.forUser(subject);
        assertThat(orgsSeen(plain)).isZero();
        assertThat(orgsSeen(plain)).isZero();

        var foreignKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String foreign = Jwt.issuer(TestTokens.ISSUER).subject(subject).groups(Set.of("platform-admin"))
                .expiresIn(600).sign(foreignKey);
        assertThat(status(foreign, "/v1/orgs")).isEqualTo(401);

        // A platform admin sees every org; the same subject without the role sees only its own (none).
        given().header("Authorization", "Bearer " + TestTokens.platformAdmin()).contentType("application/json")
                .body(Map.of("name", "Seen " + subject, "slug", "seen-" + subject.substring(6, 14),
                        "adminUserIds", List.of("seen-admin-" + subject)))
                .post("/v1/orgs").then().statusCode(201);
        String admin = TestTokens.forUser(subject, "platform-admin");
        assertThat(orgsSeen(admin)).isPositive();
        assertThat(orgsSeen(plain)).isZero();
    }

    private static int orgsSeen(String token) {
        return given().header("Authorization", "Bearer " + token).get("/v1/orgs").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }
}
