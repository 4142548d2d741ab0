package org.strokescan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * Keeps the Boundary–Control–Entity layering of each component (the README's "Layout") and the components' own
 * dependencies true as the code grows.
 */
@AnalyzeClasses(packages = "org.strokescan", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule entitiesDependOnNoLayerAbove = noClasses().that().resideInAPackage("..entity..")
            .should().dependOnClassesThat().resideInAnyPackage("..control..", "..boundary..", "org.strokescan.web..");

    @ArchTest
    static final ArchRule controlDoesNotCallBoundaries = noClasses().that().resideInAPackage("..control..")
            .should().dependOnClassesThat().resideInAnyPackage("..boundary..", "org.strokescan.web..");

    @ArchTest
    static final ArchRule viewsGoThroughBoundaries = noClasses().that().resideInAPackage("org.strokescan.web..")
            .should().dependOnClassesThat().resideInAPackage("..control..");

    @ArchTest
    static final ArchRule viewsNeverTouchPersistence = noClasses().that().resideInAPackage("org.strokescan.web..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.persistence..");

    @ArchTest
    static final ArchRule noImplSuffix = noClasses().should().haveSimpleNameEndingWith("Impl");

    @ArchTest
    static final ArchRule viewsAreNamedViews = classes().that().resideInAPackage("org.strokescan.web..")
            .and().areAnnotatedWith("jakarta.inject.Named").should().haveSimpleNameEndingWith("View");

    @ArchTest
    static final ArchRule platformHoldsNoDomain = noClasses().that().resideInAPackage("org.strokescan.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("org.strokescan.security..", "org.strokescan.web..");

    /** The top-level packages (security, audit, examination, …) depend on each other in one direction only. */
    @ArchTest
    static final ArchRule componentsFormNoCycles = slices().matching("org.strokescan.(*)..").should().beFreeOfCycles();

    /**
     * A server component reaches another only through its boundary or its entities, never its controls. The CLI and
     * offline training are not server components: they assemble controls (intake, model, registry) themselves.
     */
    @ArchTest
    static final ArchRule componentsMeetAtBoundaries = classes().that().resideInAPackage("org.strokescan..")
            .and().resideOutsideOfPackages("org.strokescan.cli..", "org.strokescan.training..")
            .should(new ArchCondition<JavaClass>("use no other component's control package") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        String target = dependency.getTargetClass().getPackageName();
                        String component = component(origin.getPackageName());
                        if (target.startsWith("org.strokescan.") && target.contains(".control")
                                && !component(target).equals(component)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    /**
     * A page's state lives in the session, which a cluster copies to another node (web.xml: distributable): every
     * field of a view- or session-scoped bean is serializable, down to the elements of its collections, or transient
     * or injected (a proxy the container serializes).
     */
    @ArchTest
    static final ArchRule pageStateIsSerializable = classes().that().areAnnotatedWith("jakarta.faces.view.ViewScoped")
            .or().areAnnotatedWith("jakarta.enterprise.context.SessionScoped")
            .should(new ArchCondition<JavaClass>("keep only serializable state") {
                @Override
                public void check(JavaClass bean, ConditionEvents events) {
                    for (Class<?> type = bean.reflect(); type != null && type != Object.class; type = type.getSuperclass()) {
                        for (Field field : type.getDeclaredFields()) {
                            int modifiers = field.getModifiers();
                            if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)
                                    || field.isAnnotationPresent(jakarta.inject.Inject.class)) {
                                continue;
                            }
                            if (!serializable(field.getGenericType())) {
                                events.add(SimpleConditionEvent.violated(bean, type.getName() + "." + field.getName()
                                        + " (" + field.getGenericType().getTypeName() + ") is not serializable"));
                            }
                        }
                    }
                }
            });

    private static boolean serializable(Type type) {
        if (type instanceof Class<?> plain) {
            return plain.isPrimitive() || Serializable.class.isAssignableFrom(plain);
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            // List, Map, Set: the copies in use (List.of, ArrayList, …) are serializable when their elements are;
            // another generic class answers for itself (LazyRows leaves its loaded rows out of a copy)
            return raw.getPackageName().equals("java.util")
                    ? Arrays.stream(generic.getActualTypeArguments()).allMatch(ArchitectureTest::serializable)
                    : Serializable.class.isAssignableFrom(raw);
        }
        return false;
    }

    private static String component(String packageName) {
        String rest = packageName.substring(Math.min(packageName.length(), "org.strokescan.".length()));
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
