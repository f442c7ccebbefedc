package com.vbp.command.evolution;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event carries a revision, so that a later change of its shape can be told apart from the events
 * already stored and upcast (see {@link DemandsImportedUpcaster}). Events are the records of the closed
 * families named {@code …Events} in {@code shared-events}.
 */
class EventRevisionsTest {

    private static final JavaClasses MESSAGES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.vbp.events");

    @Test
    void every_event_record_has_a_revision() {
        classes().that().areRecords().and(implementAnEventFamily())
                .should().beAnnotatedWith(Revision.class)
                .check(MESSAGES);
    }

    @Test
    void the_event_families_are_found() {
        long events = MESSAGES.stream().filter(JavaClass::isRecord).filter(implementAnEventFamily()).count();
        assertThat(events).as("records implementing a …Events interface").isGreaterThan(20);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> implementAnEventFamily() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("implement an …Events family",
                c -> c.getAllRawInterfaces().stream().anyMatch(i -> i.getSimpleName().endsWith("Events")));
    }
}
