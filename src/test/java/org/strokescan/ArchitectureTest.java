package org.strokescan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the Boundary–Control–Entity layering of DESIGN.md true as the code grows. */
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
}
