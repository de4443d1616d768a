package io.lethe.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The sides talk only through core's messages, core stays free of frameworks, and sealed personal
 * data is opened at one edge.
 */
@AnalyzeClasses(packages = "io.lethe", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commandSideKnowsNoOtherSide = noClasses()
            .that().resideInAPackage("io.lethe.command..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lethe.query..", "io.lethe.saga..");

    @ArchTest
    static final ArchRule querySideKnowsNoOtherSide = noClasses()
            .that().resideInAPackage("io.lethe.query..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lethe.command..", "io.lethe.saga..");

    @ArchTest
    static final ArchRule sagasKnowNoOtherSide = noClasses()
            .that().resideInAPackage("io.lethe.saga..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lethe.command..", "io.lethe.query..");

    @ArchTest
    static final ArchRule coreHasNoSpringOrJpa = noClasses()
            .that().resideInAPackage("io.lethe.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.persistence..", "javax.persistence..", "org.hibernate..")
            .because("core is the shared language, usable by any side and any client");

    @ArchTest
    static final ArchRule coreDoesNotKnowTheSides = noClasses()
            .that().resideInAPackage("io.lethe.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.lethe.command..", "io.lethe.query..", "io.lethe.saga..", "io.lethe.platform..");

    @ArchTest
    static final ArchRule sidesDoNotKnowThePlatform = noClasses()
            .that().resideInAnyPackage("io.lethe.command..", "io.lethe.query..", "io.lethe.saga..")
            .should().dependOnClassesThat().resideInAPackage("io.lethe.platform..");

    /** Plaintext of a read model's sealed values exists only at the edge that records the read. */
    @ArchTest
    static final ArchRule onlyTheDisclosureEdgeOpensSealedValues = noClasses()
            .that().doNotHaveFullyQualifiedName("io.lethe.query.access.Disclosure")
            .and().resideOutsideOfPackage("io.lethe.platform.crypto..")
            .should().callMethod(io.lethe.core.crypto.PersonalDataSeals.class, "open", String.class,
                    io.lethe.core.crypto.Sealed.class)
            .because("every read of personal data is recorded in the access log before it is served (ADR 0007)");
}
