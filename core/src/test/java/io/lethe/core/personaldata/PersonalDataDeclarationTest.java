package io.lethe.core.personaldata;

import com.tngtech.archunit.core.domain.JavaClass;
import io.lethe.core.crypto.Sealed;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Nothing personal travels undeclared: every message type in {@code core} (events, commands,
 * queries' answers, and the values they hold) is walked, and a field whose name looks personal must
 * carry {@link PersonalData} (or be {@link Sealed} already); a type with personal data must name its subject.
 */
class PersonalDataDeclarationTest {

    /** Names of personal data as the policy lists them (§17), matched against field names. */
    private static final Pattern PERSONAL_LOOKING = Pattern.compile(
            "(?i).*(name|e-?mail|address|birth|bank|iban|account(number|no)|card|expiry|lastfour|username|"
                    + "externalid|login(id)?$|photo|picture|avatar|message|text|comment|phone|ip(address)?$|location|voice).*");
    /** Fields whose names match but that hold no personal data, each with the reason. */
    private static final List<String> NOT_PERSONAL = List.of(
            "provider",            // "google": the kind of login, not the person
            "socialLoginProviders", // the same, in a summary
            "organisationName",     // a third party organisation's name (APPI Art. 29 records), not a person's
            "organisationAddress"   // and its address
    );

    private static List<Class<?>> messageTypes;

    @BeforeAll
    static void importCore() {
        messageTypes = new ArrayList<>();
        for (JavaClass javaClass : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lethe.core")) {
            Class<?> type = javaClass.reflect();
            boolean machinery = javaClass.getPackageName().startsWith("io.lethe.core.personaldata")
                    || javaClass.getPackageName().startsWith("io.lethe.core.crypto");
            if (type.isRecord() && !machinery) {
                messageTypes.add(type);
            }
        }
    }

    @Test
    void theWalkFindsTheEventsOfTheSubjectPackage() {
        assertThat(messageTypes).extracting(Class::getSimpleName)
                .contains("AccountRegisteredEvent", "SocialLoginLinkedEvent", "PurchaseRecordedEvent", "CardHint");
    }

    @Test
    void everyPersonalLookingFieldIsDeclaredPersonalData() {
        List<String> undeclared = new ArrayList<>();
        for (Class<?> type : messageTypes) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || NOT_PERSONAL.contains(field.getName())) {
                    continue;
                }
                if (PERSONAL_LOOKING.matcher(field.getName()).matches() && !field.isAnnotationPresent(PersonalData.class)
                        && !holdsDeclaredPersonalData(field.getType())) {
                    undeclared.add(type.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertThat(undeclared).as("personal-looking fields without @PersonalData").isEmpty();
    }

    @Test
    void everyTopLevelMessageWithPersonalDataNamesItsSubject() {
        List<String> withoutSubject = new ArrayList<>();
        for (Class<?> type : messageTypes) {
            boolean message = type.getSimpleName().matches(".*(Event|Command|Query|Summary)");
            if (message && PersonalDataModel.of(type).isPresent()
                    && PersonalDataModel.of(type).get().subjectProperty().isEmpty()) {
                withoutSubject.add(type.getSimpleName());
            }
        }
        assertThat(withoutSubject).as("messages with personal data but no @DataSubjectId").isEmpty();
    }

    /**
     * Every type that travels as a message — answers and pages included, walked down through their
     * nested records and lists — gives each personal field a subject to be sealed under: the record's
     * own {@code @DataSubjectId}, or its holder's. The serializer refuses anything else. (A record that
     * only ever travels inside another, like a card hint, takes its holder's.)
     */
    @Test
    void everyPersonalFieldFindsItsSubjectWhereverItsTypeTravels() {
        java.util.Set<Class<?>> held = new java.util.HashSet<>();
        for (Class<?> type : messageTypes) {
            for (Field field : type.getDeclaredFields()) {
                held.add(field.getType());
                if (field.getGenericType() instanceof java.lang.reflect.ParameterizedType parameterized
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
                    held.add(element);
                }
            }
        }
        List<String> subjectless = new ArrayList<>();
        for (Class<?> type : messageTypes) {
            if (!held.contains(type) || PersonalDataModel.of(type).flatMap(PersonalDataModel::subjectProperty).isPresent()) {
                PersonalDataModel.of(type).ifPresent(model -> subjectless.addAll(subjectless(model, false)));
            }
        }
        assertThat(subjectless).as("personal fields with no subject to seal them under").isEmpty();
    }

    @Test
    void theWalkFindsAPageOfRecordsThatNameNoSubject() {
        record Row(@PersonalData(RetentionClass.PROFILE) String name) {
        }
        record Rows(List<Row> items) {
        }
        record Person(@DataSubjectId String subject, @PersonalData(RetentionClass.PROFILE) String name) {
        }
        record People(List<Person> items) {
        }
        assertThat(subjectless(PersonalDataModel.of(Rows.class).orElseThrow(), false)).containsExactly("Row");
        assertThat(subjectless(PersonalDataModel.of(People.class).orElseThrow(), false)).isEmpty();
    }

    private static List<String> subjectless(PersonalDataModel model, boolean holderHasSubject) {
        boolean subject = holderHasSubject || model.subjectProperty().isPresent();
        List<String> found = new ArrayList<>();
        if (!subject && !model.personal().isEmpty()) {
            found.add(model.type().getSimpleName());
        }
        for (PersonalDataModel.Nested nested : model.nested()) {
            found.addAll(subjectless(nested.model(), subject));
        }
        return found;
    }

    @Test
    void everyDeclarationIsConsistent() {
        for (Class<?> type : messageTypes) {
            assertThatCode(() -> PersonalDataModel.of(type)).as(type.getSimpleName()).doesNotThrowAnyException();
        }
    }

    @Test
    void aMarkerOnAFieldThatIsNotTextIsRefused() {
        record Wrong(@DataSubjectId String subject, @PersonalData(RetentionClass.PROFILE) java.time.LocalDate born) {
        }
        assertThatCode(() -> PersonalDataModel.of(Wrong.class)).hasMessageContaining("redaction = Redaction.NULL");
    }

    @Test
    void theModelFindsPersonalDataInsideNestedRecordsAndLists() {
        record Contact(@PersonalData(RetentionClass.PROFILE) String phone) {
        }
        record Book(@DataSubjectId String subject, List<Contact> contacts, Contact primary, String title) {
        }
        PersonalDataModel model = PersonalDataModel.of(Book.class).orElseThrow();
        assertThat(model.subjectProperty()).contains("subject");
        assertThat(model.nested()).extracting(PersonalDataModel.Nested::name).containsExactly("contacts", "primary");
        assertThat(model.nested().get(0).collection()).isTrue();
    }

    /** A record with declared personal data inside, or a value that is sealed already. */
    private static boolean holdsDeclaredPersonalData(Class<?> type) {
        return type == Sealed.class || PersonalDataModel.of(type).isPresent();
    }
}
