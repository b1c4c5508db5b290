package org.parsimony.pruning.criteria;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The registry of criteria by name, from which {@code Pruner.of(name)}, the command line's {@code --criterion} and
 * {@code --methods} (their help and validation), a study's methods, its default lists and its plot colours derive.
 *
 * <p>A criterion in this package (or below it) registers itself by declaring {@code public static final CriterionType
 * TYPE}: the registry finds every such class on first use, so a new criterion is one class (and its test). Code
 * elsewhere, a test or a user's own criterion, calls {@link #register}. Ordered by {@link CriterionType#rank()}, then
 * name.
 */
public final class PruningCriteria {
    private static final String PACKAGE = PruningCriteria.class.getPackageName().replace('.', '/') + "/";
    private static Map<String, CriterionType> registered;

    private PruningCriteria() {
    }

    /**
     * Adds {@code type} (registering the same type twice is harmless).
     *
     * @throws IllegalArgumentException if another criterion already has the name
     */
    public static synchronized void register(CriterionType type) {
        CriterionType previous = types().get(type.name());
        if (previous != null && !previous.equals(type)) {
            throw new IllegalArgumentException("a criterion named '" + type.name() + "' is already registered");
        }
        registered.put(type.name(), type);
    }

    /** Removes the criterion called {@code name} (a test's own), if registered. */
    public static synchronized void unregister(String name) {
        types().remove(name);
    }

    /**
     * The criterion called {@code name}.
     *
     * @throws IllegalArgumentException naming the known criteria for an unknown name
     */
    public static CriterionType named(String name) {
        CriterionType type;
        synchronized (PruningCriteria.class) {
            type = types().get(name);
        }
        if (type == null) {
            throw new IllegalArgumentException("unknown criterion '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return type;
    }

    /** Every registered criterion, by rank, then name. */
    public static synchronized List<CriterionType> all() {
        return types().values().stream().sorted(Comparator.comparingInt(CriterionType::rank)
                .thenComparing(CriterionType::name)).toList();
    }

    /** The names of {@link #all()}. */
    public static List<String> names() {
        return all().stream().map(CriterionType::name).toList();
    }

    private static Map<String, CriterionType> types() {
        if (registered == null) {
            registered = new LinkedHashMap<>();
            for (CriterionType type : declared()) {
                if (registered.putIfAbsent(type.name(), type) != null) {
                    throw new IllegalStateException("two criteria are named '" + type.name() + "'");
                }
            }
        }
        return registered;
    }

    /** The {@code TYPE} of every class of this package and below in the jar or directory this class came from. */
    private static List<CriterionType> declared() {
        List<CriterionType> types = new ArrayList<>();
        for (String className : classNames()) {
            Class<?> c;
            try {
                c = Class.forName(className, false, PruningCriteria.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (!PruningCriterion.class.isAssignableFrom(c)) {
                continue;
            }
            try {
                Field field = c.getField("TYPE");
                int m = field.getModifiers();
                if (Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == CriterionType.class) {
                    types.add((CriterionType) field.get(null));
                }
            } catch (NoSuchFieldException e) {
                // a criterion without a TYPE is not registered (e.g. one made for a single test)
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(c.getName() + ".TYPE is not readable", e);
            }
        }
        return types;
    }

    private static List<String> classNames() {
        Path source;
        try {
            source = Path.of(PruningCriteria.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the classes of " + PACKAGE + ": " + e.getMessage(), e);
        }
        try {
            if (Files.isDirectory(source)) {
                Path root = source.resolve(PACKAGE);
                try (Stream<Path> files = Files.walk(root)) {
                    return files.map(p -> source.relativize(p).toString().replace('\\', '/'))
                            .filter(PruningCriteria::isTopLevelClass).map(PruningCriteria::className).sorted().toList();
                }
            }
            try (JarFile jar = new JarFile(source.toFile())) {
                return jar.stream().map(java.util.zip.ZipEntry::getName).filter(PruningCriteria::isTopLevelClass)
                        .map(PruningCriteria::className).sorted().collect(Collectors.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the criteria in " + source + ": " + e.getMessage(), e);
        }
    }

    private static boolean isTopLevelClass(String entry) {
        return entry.startsWith(PACKAGE) && entry.endsWith(".class") && !entry.contains("$")
                && !entry.endsWith("package-info.class");
    }

    private static String className(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}
