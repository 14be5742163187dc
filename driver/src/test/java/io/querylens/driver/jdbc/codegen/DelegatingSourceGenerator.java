package io.querylens.driver.jdbc.codegen;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the {@code Delegating*} pass-through bases in {@code io.querylens.driver.jdbc.generated} by reflecting over
 * {@code java.sql}. We generate source rather than bytecode (HikariCP's Javassist step) so that the forwarding code
 * is visible to IDEs, debuggers and coverage, and rather than writing ~3,000 lines of forwarding by hand, which hides
 * gaps when the JDK adds methods.
 *
 * <p>Statements form one chain so that the hand-written interception is written once:
 * {@code DelegatingStatement -> LensStatement -> DelegatingPreparedStatement -> LensPreparedStatement ->
 * DelegatingCallableStatement -> LensCallableStatement}. Each generated statement level declares only the methods of
 * its own interface and a typed delegate field; the others forward every method of their interface.
 *
 * <p>Refresh the committed files with {@value #REGENERATE_COMMAND}.
 */
public final class DelegatingSourceGenerator {
    public static final String REGENERATE_COMMAND = "./mvnw -q -pl driver -am test "
            + "-Dtest=GeneratedDelegatesAreCurrentTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dquerylens.regenerate=true";
    public static final String PACKAGE = "io.querylens.driver.jdbc.generated";

    /** One generated class: which interface, which superclass, and how it is constructed. */
    record Spec(Class<?> api, String className, String superClass, String fieldName, String constructorParameters,
                String superCall, boolean onlyDeclaredMethods, List<String> extraImports, boolean mutableDelegate,
                boolean resultSetHook) {
        Spec(Class<?> api, String className, String superClass, String fieldName, String constructorParameters,
             String superCall, boolean onlyDeclaredMethods, List<String> extraImports) {
            this(api, className, superClass, fieldName, constructorParameters, superCall, onlyDeclaredMethods,
                    extraImports, false, false);
        }
    }

    static final List<Spec> SPECS = List.of(
            new Spec(Connection.class, "DelegatingConnection", null, "delegate",
                    "Connection delegate", null, false, List.of()),
            new Spec(Statement.class, "DelegatingStatement", null, "delegate",
                    "Statement delegate", null, false, List.of()),
            new Spec(PreparedStatement.class, "DelegatingPreparedStatement", "LensStatement", "preparedDelegate",
                    "PreparedStatement delegate, LensConnection connection, ShapeStats preparedShape",
                    "super(delegate, connection, preparedShape);", true,
                    List.of("io.querylens.driver.jdbc.LensConnection", "io.querylens.driver.jdbc.LensStatement",
                            "io.querylens.driver.recording.ShapeStats")),
            new Spec(CallableStatement.class, "DelegatingCallableStatement", "LensPreparedStatement",
                    "callableDelegate",
                    "CallableStatement delegate, LensConnection connection, ShapeStats preparedShape",
                    "super(delegate, connection, preparedShape);", true,
                    List.of("io.querylens.driver.jdbc.LensConnection",
                            "io.querylens.driver.jdbc.LensPreparedStatement",
                            "io.querylens.driver.recording.ShapeStats")),
            // Not final: a statement re-points its one result-set wrapper at each new result set instead of
            // allocating a wrapper per execution (see LensResultSet).
            new Spec(ResultSet.class, "DelegatingResultSet", null, "delegate",
                    "ResultSet delegate", null, false, List.of(), true, false),
            // Metadata result sets pass through one hook, so that rs.getStatement().getConnection() is the
            // application's connection, as it is raw.
            new Spec(DatabaseMetaData.class, "DelegatingDatabaseMetaData", null, "delegate",
                    "DatabaseMetaData delegate", null, false, List.of(), false, true));

    private DelegatingSourceGenerator() {
    }

    /** Writes the files into the directory given as the first argument (bootstrap use; the test is the usual way). */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.createDirectories(dir);
        for (Map.Entry<String, String> file : generateAll().entrySet()) {
            java.nio.file.Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
    }

    /** File name (e.g. {@code DelegatingConnection.java}) to its full source text. */
    public static Map<String, String> generateAll() {
        Map<String, String> files = new LinkedHashMap<>();
        for (Spec spec : SPECS) {
            files.put(spec.className() + ".java", generate(spec));
        }
        return files;
    }

    /** The methods a spec's class must implement, in a stable order. */
    static List<Method> methodsOf(Spec spec) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        Method[] candidates = spec.onlyDeclaredMethods() ? spec.api().getDeclaredMethods() : spec.api().getMethods();
        for (Method method : candidates) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            bySignature.putIfAbsent(method.getName() + Arrays.toString(method.getParameterTypes()), method);
        }
        List<Method> methods = new ArrayList<>(bySignature.values());
        methods.sort(Comparator.comparing(Method::getName)
                .thenComparing(m -> Arrays.toString(m.getParameterTypes())));
        return methods;
    }

    static String generate(Spec spec) {
        Set<String> imports = new TreeSet<>(spec.extraImports());
        StringBuilder body = new StringBuilder();
        for (Method method : methodsOf(spec)) {
            appendMethod(body, spec, method, imports);
        }
        imports.add(spec.api().getName());
        imports.removeIf(name -> name.startsWith("java.lang.") && name.lastIndexOf('.') == "java.lang".length());

        StringBuilder out = new StringBuilder();
        out.append("// Generated by io.querylens.driver.jdbc.codegen.DelegatingSourceGenerator: do not edit.\n");
        out.append("// Regenerate with: ").append(REGENERATE_COMMAND).append('\n');
        out.append("package ").append(PACKAGE).append(";\n\n");
        for (String name : imports) {
            out.append("import ").append(name).append(";\n");
        }
        out.append('\n');
        out.append("/** Forwards every {@link ").append(spec.api().getSimpleName()).append("} method")
                .append(spec.onlyDeclaredMethods() ? " declared by that interface" : "")
                .append(" to the delegate; QueryLens's wrapper overrides the ones it intercepts. */\n");
        out.append("@SuppressWarnings(\"deprecation\")\n");
        out.append("public abstract class ").append(spec.className());
        if (spec.superClass() != null) {
            out.append(" extends ").append(spec.superClass());
        }
        out.append(" implements ").append(spec.api().getSimpleName()).append(" {\n");
        String apiName = spec.api().getSimpleName();
        out.append(spec.mutableDelegate() ? "    protected " : "    protected final ").append(apiName).append(' ').append(spec.fieldName()).append(";\n\n");
        out.append("    protected ").append(spec.className()).append('(').append(spec.constructorParameters())
                .append(") {\n");
        if (spec.superCall() != null) {
            out.append("        ").append(spec.superCall()).append('\n');
        }
        out.append("        this.").append(spec.fieldName()).append(" = delegate;\n");
        out.append("    }\n");
        if (spec.resultSetHook()) {
            out.append("\n    /** Wraps each result set this object hands out. */\n");
            out.append("    protected abstract ResultSet results(ResultSet delegateResults) throws SQLException;\n");
        }
        out.append(body);
        out.append("}\n");
        return out.toString();
    }

    private static void appendMethod(StringBuilder out, Spec spec, Method method, Set<String> imports) {
        out.append('\n');
        if (method.isAnnotationPresent(Deprecated.class)) {
            out.append("    @Deprecated\n");
        }
        out.append("    @Override\n    public ");
        TypeVariable<Method>[] typeParameters = method.getTypeParameters();
        if (typeParameters.length > 0) {
            out.append(Arrays.stream(typeParameters).map(TypeVariable::getName)
                    .collect(Collectors.joining(", ", "<", "> ")));
        }
        out.append(render(method.getGenericReturnType(), imports)).append(' ').append(method.getName()).append('(');
        Type[] parameterTypes = method.getGenericParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parameterTypes.length; i++) {
            String name = "arg" + i;
            names.add(name);
            if (i > 0) {
                out.append(", ");
            }
            out.append(render(parameterTypes[i], imports)).append(' ').append(name);
        }
        out.append(')');
        Class<?>[] exceptions = method.getExceptionTypes();
        if (exceptions.length > 0) {
            out.append(" throws ");
            for (int i = 0; i < exceptions.length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(render(exceptions[i], imports));
            }
        }
        out.append(" {\n        ");
        if (method.getReturnType() != void.class) {
            out.append("return ");
        }
        boolean hooked = spec.resultSetHook() && method.getReturnType() == ResultSet.class;
        if (hooked) {
            out.append("results(");
        }
        out.append(spec.fieldName()).append('.').append(method.getName()).append('(')
                .append(String.join(", ", names)).append(')').append(hooked ? ")" : "").append(";\n    }\n");
    }

    private static String render(Type type, Set<String> imports) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return render(c.getComponentType(), imports) + "[]";
            }
            if (c.isPrimitive()) {
                return c.getName();
            }
            if (c.getEnclosingClass() != null) {
                imports.add(c.getEnclosingClass().getName());
                return c.getEnclosingClass().getSimpleName() + "." + c.getSimpleName();
            }
            imports.add(c.getName());
            return c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return render(p.getRawType(), imports) + Arrays.stream(p.getActualTypeArguments())
                    .map(arg -> render(arg, imports)).collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) {
                return "? super " + render(w.getLowerBounds()[0], imports);
            }
            Type upper = w.getUpperBounds()[0];
            return upper == Object.class ? "?" : "? extends " + render(upper, imports);
        }
        if (type instanceof TypeVariable<?> v) {
            return v.getName();
        }
        if (type instanceof GenericArrayType g) {
            return render(g.getGenericComponentType(), imports) + "[]";
        }
        throw new IllegalArgumentException("Cannot render " + type);
    }
}
