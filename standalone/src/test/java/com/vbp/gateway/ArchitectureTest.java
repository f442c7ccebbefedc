package com.vbp.gateway;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/** The module boundaries of docs/architecture.md, checked on the compiled classes of all modules. */
class ArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.vbp");
    }

    @Test
    void shared_events_depend_on_no_framework_beyond_axons_message_annotations() {
        classes().that().resideInAPackage("com.vbp.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.vbp.events..", "java..",
                        "org.axonframework.modelling.command", "org.axonframework.serialization")
                .check(all);
    }

    @Test
    void shared_events_use_only_the_annotations_of_axon() {
        noClasses().that().resideInAPackage("com.vbp.events..")
                .should().dependOnClassesThat(nonAnnotationAxonType())
                .check(all);
    }

    @Test
    void messages_and_value_objects_are_records_enums_or_their_families() {
        classes().that().resideInAPackage("com.vbp.events..").and().areNotInterfaces().and().areNotEnums()
                .and().haveSimpleNameNotEndingWith("Commands").and().haveSimpleNameNotEndingWith("Queries")
                .and().haveSimpleNameNotEndingWith("Ids").and().haveSimpleNameNotEndingWith("Lines")
                .and().haveSimpleNameNotEndingWith("Values")
                .should().beRecords()
                .check(all);
    }

    @Test
    void messages_have_no_bean_style_accessors_that_a_serializer_would_take_for_properties() {
        noMethods().that().areDeclaredInClassesThat().resideInAPackage("com.vbp.events..")
                .and().arePublic().and().areNotStatic()
                .should().haveNameMatching("(get|is)[A-Z].*")
                .because("Jackson would serialise them as extra properties and then fail to read the event back")
                .check(all);
    }

    @Test
    void query_side_never_imports_command_side() {
        noClasses().that().resideInAPackage("com.vbp.query..")
                .should().dependOnClassesThat().resideInAPackage("com.vbp.command..")
                .check(all);
    }

    @Test
    void command_side_never_imports_query_side_or_gateway() {
        noClasses().that().resideInAPackage("com.vbp.command..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vbp.query..", "com.vbp.gateway..")
                .check(all);
    }

    @Test
    void gateway_talks_to_the_domain_only_through_axon_gateways() {
        noClasses().that().resideInAPackage("com.vbp.gateway..").and(not(evidenceStore()))
                .should().dependOnClassesThat().resideInAnyPackage("com.vbp.command..", "com.vbp.query..")
                .check(all);
    }

    @Test
    void gateway_never_touches_the_stores_directly() {
        noClasses().that().resideInAPackage("com.vbp.gateway..").and(not(evidenceStore()))
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..", "java.sql..",
                        "javax.sql..", "org.axonframework.eventsourcing.eventstore.jdbc..")
                .check(all);
    }

    @Test
    void only_the_evidence_store_touches_the_read_store_and_only_for_file_contents() {
        noClasses().that().resideInAPackage("com.vbp.gateway..").and(evidenceStore())
                .should().dependOnClassesThat().resideInAnyPackage("com.vbp.command..", "com.vbp.events..",
                        "org.axonframework..")
                .because("appeal evidence files stream to GridFS directly, since file contents do not travel "
                        + "through Axon messages; everything else still goes through Axon's gateways")
                .check(all);
    }

    /**
     * The one exception to the two rules above: the GridFS store of appeal evidence and its wiring (the
     * read store's commit in standalone mode, a client of its own in distributed mode).
     */
    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> evidenceStore() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("the appeal evidence store",
                c -> c.getPackageName().equals("com.vbp.gateway.appeal")
                        && (c.getName().startsWith("com.vbp.gateway.appeal.EvidenceStore")));
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> nonAnnotationAxonType() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("Axon types other than annotations",
                c -> c.getPackageName().startsWith("org.axonframework") && !c.isAnnotation());
    }
}
