package circles.bootstrap.contract;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import jakarta.ws.rs.HttpMethod;

/**
 * The JAX-RS endpoints of the REST adapter, found by reading its classes: every resource method
 * (class {@code @Path} + method {@code @Path} + an HTTP method annotation, also when declared on an
 * interface the class implements), following sub-resource locators.
 */
final class RestEndpoints {

    /**
     * The REST adapter only: the SCIM adapter ({@code circles.adapter.in.scim}, {@code /scim/v2}) speaks SCIM 2.0
     * (RFC 7644) with its own error format and is deliberately not part of openapi.yaml.
     */
    static final String PACKAGE = "circles.adapter.in.rest";
    private static final String PACKAGE_DIR = PACKAGE.replace('.', '/');

    private RestEndpoints() {
    }

    /** An endpoint: HTTP method and full path template, e.g. {@code GET /v1/groups/{groupId}}. */
    record Endpoint(String method, String path, String declaredBy) implements Comparable<Endpoint> {

        /** Method and path with the names of the path parameters left out, to compare templates. */
        String shape() {
            return method + " " + path.replaceAll("\\{[^}]*}", "{}");
        }

        @Override
        public int compareTo(Endpoint other) {
            return shape().compareTo(other.shape());
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + declaredBy + ")";
        }
    }

    static List<Endpoint> scan(String rootPath) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Set<String> classNames = classNames(loader);
        if (classNames.isEmpty()) {
            throw new IllegalStateException("No classes of " + PACKAGE + " were found on the class path");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String name : classNames) {
            if (name.contains("$quarkus")) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("Cannot load " + name, e);
            }
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isAnnotation()) {
                continue;
            }
            String classPath = classPath(type);
            if (classPath != null) {
                collect(type, join(rootPath, classPath), endpoints, 0);
            }
        }
        Collections.sort(endpoints);
        return endpoints;
    }

    private static void collect(Class<?> type, String base, List<Endpoint> into, int depth) {
        if (depth > 5) {
            return;
        }
        for (Method method : type.getMethods()) {
            if (method.isBridge() || method.isSynthetic()) {
                continue;
            }
            String httpMethod = null;
            String subPath = null;
            for (Method declaration : declarations(type, method)) {
                for (Annotation annotation : declaration.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null && httpMethod == null) {
                        httpMethod = http.value();
                    }
                    if (annotation instanceof jakarta.ws.rs.Path path && subPath == null) {
                        subPath = path.value();
                    }
                }
            }
            if (httpMethod != null) {
                into.add(new Endpoint(httpMethod.toUpperCase(Locale.ROOT),
                        subPath == null ? base : join(base, subPath), type.getSimpleName() + "." + method.getName()));
            } else if (subPath != null) {
                collect(method.getReturnType(), join(base, subPath), into, depth + 1);
            }
        }
    }

    /** The method itself and the methods it implements from interfaces (JAX-RS annotations are inherited from them). */
    private static List<Method> declarations(Class<?> type, Method method) {
        List<Method> result = new ArrayList<>();
        result.add(method);
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> contract : current.getInterfaces()) {
                try {
                    result.add(contract.getMethod(method.getName(), method.getParameterTypes()));
                } catch (NoSuchMethodException ignored) {
                    // not declared by this interface
                }
            }
            if (current != type) {
                try {
                    result.add(current.getDeclaredMethod(method.getName(), method.getParameterTypes()));
                } catch (NoSuchMethodException ignored) {
                    // not declared by this superclass
                }
            }
        }
        return result;
    }

    private static String classPath(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            jakarta.ws.rs.Path path = current.getAnnotation(jakarta.ws.rs.Path.class);
            if (path != null) {
                return path.value();
            }
            for (Class<?> contract : current.getInterfaces()) {
                path = contract.getAnnotation(jakarta.ws.rs.Path.class);
                if (path != null) {
                    return path.value();
                }
            }
        }
        return null;
    }

    /** Joins path pieces with single slashes and drops regular expressions from templates. */
    static String join(String base, String more) {
        String joined = ("/" + base + "/" + more).replaceAll("/+", "/");
        joined = joined.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Set<String> classNames(ClassLoader loader) {
        Set<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(PACKAGE_DIR))) {
                names.addAll(classNamesAt(url));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.isEmpty()) {
            for (String property : List.of("surefire.test.class.path", "java.class.path")) {
                String classPath = System.getProperty(property, "");
                for (String entry : classPath.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        names.addAll(classNamesIn(Path.of(entry)));
                    }
                }
            }
        }
        if (names.isEmpty()) {
            Path dir = Path.of(System.getProperty("user.dir"));
            for (Path candidate : List.of(dir.resolve("../adapters/rest/target/classes"),
                    dir.resolve("adapters/rest/target/classes"))) {
                names.addAll(classNamesIn(candidate.normalize()));
            }
        }
        return names;
    }

    private static Set<String> classNamesAt(URL url) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try {
                Path packageDir = Path.of(url.toURI());
                Path root = packageDir;
                for (int i = 0; i < PACKAGE_DIR.split("/").length; i++) {
                    root = root.getParent();
                }
                return classNamesIn(root);
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        if ("jar".equals(url.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            return classNamesIn(Path.of(connection.getJarFileURL().getPath()));
        }
        return Set.of();
    }

    /** Class names of the package (and its subpackages) in a class directory or a jar. */
    private static Set<String> classNamesIn(Path location) {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(location)) {
            Path packageDir = location.resolve(PACKAGE_DIR);
            if (!Files.isDirectory(packageDir)) {
                return names;
            }
            try (Stream<Path> files = Files.walk(packageDir)) {
                files.filter(file -> file.toString().endsWith(".class"))
                        .map(file -> location.relativize(file).toString().replace(File.separatorChar, '/'))
                        .forEach(file -> names.add(className(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (Files.isRegularFile(location) && location.toString().endsWith(".jar")) {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(JarEntry::getName)
                        .filter(entry -> entry.startsWith(PACKAGE_DIR + "/") && entry.endsWith(".class"))
                        .forEach(entry -> names.add(className(entry)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        names.removeIf(name -> name.endsWith("package-info") || name.endsWith("module-info"));
        return names;
    }

    private static String className(String file) {
        return file.substring(0, file.length() - ".class".length()).replace('/', '.');
    }
}
