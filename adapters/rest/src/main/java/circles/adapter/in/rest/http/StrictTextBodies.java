package circles.adapter.in.rest.http;

import circles.adapter.in.rest.problem.HttpProblem;
import circles.adapter.in.rest.problem.ProblemType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Bodies that endpoints take as text are decoded strictly: a byte sequence that is not valid in the body's charset
 * (UTF-8 unless the {@code Content-Type} names another) is refused with a 400, where the default decoding would
 * silently store U+FFFD replacement characters in its place. The body is at most the service's body limit, read
 * once here and handed on unchanged.
 */
@Provider
public final class StrictTextBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() != String.class) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        MediaType type = context.getMediaType();
        Charset charset = charsetOf(type);
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            boolean json = type != null && type.getSubtype().toLowerCase(Locale.ROOT).contains("json");
            throw new HttpProblem(json ? ProblemType.MALFORMED_JSON : ProblemType.UNREADABLE_BODY,
                    "The request body is not valid " + charset.name() + " text.");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static Charset charsetOf(MediaType type) {
        String named = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (named == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(named);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new HttpProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The charset " + named + " is not supported.");
        }
    }
}
