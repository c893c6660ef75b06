package circles.adapter.in.rest.apitoken;

import circles.domain.apitoken.ApiTokenScope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that an org API token holding one of these scopes may call the annotated operation (on a method), or
 * every operation of the resource (on a class). Operations without it refuse every API token with 403
 * {@code token-scope-missing}; {@link TokenScopes} checks this before the operation reads its body. Callers signed
 * in with an OIDC token are not concerned.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface TokenScope {
    ApiTokenScope[] value();
}
