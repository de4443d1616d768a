package io.lethe.query.report;

import io.lethe.core.breach.DutyKind;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Purpose;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.DeletionEvidence;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds the API description states for answers that are counted from an enum, or that repeat
 * an enum's texts, still hold for the enums as they are now: adding a category, a purpose, a request
 * type or a duty kind past a stated bound fails here before an answer could break the description.
 */
class AnswerBoundsTest {

    @Test
    void listsCountedFromAnEnumHoldEveryValue() throws Exception {
        assertThat(maxItems(AccessReport.class, "categories")).isGreaterThanOrEqualTo(DataCategory.values().length);
        assertThat(maxItems(AccessReport.class, "purposes")).isGreaterThanOrEqualTo(Purpose.values().length);
        assertThat(maxItems(AccessReport.class, "retention")).isGreaterThanOrEqualTo(RetentionClass.values().length);
        // every request type, and for EU and UK subjects the complaint to the authority
        assertThat(maxItems(AccessReport.class, "rights")).isGreaterThanOrEqualTo(RequestType.values().length + 1);
        assertThat(DeletionEvidence.MAX_CLASSES).isGreaterThanOrEqualTo(RetentionClass.values().length);
        assertThat(maxItems(Class.forName("io.lethe.query.request.RequestMetrics$YearMetrics"), "requestTypes"))
                .isGreaterThanOrEqualTo(RequestType.values().length);
        assertThat(maxItems(Class.forName("io.lethe.query.breach.BreachRegister$BreachView"), "duties"))
                .isGreaterThanOrEqualTo(DutyKind.values().length);
    }

    @Test
    void textsTakenFromAnEnumFitTheirBounds() {
        assertThat(Arrays.stream(Purpose.values()).mapToInt(purpose -> purpose.description().length()).max().orElseThrow())
                .isLessThanOrEqualTo(AccessReport.PURPOSE_LENGTH);
        assertThat(Arrays.stream(DataCategory.values()).mapToInt(category -> category.label().length()).max().orElseThrow())
                .isLessThanOrEqualTo(AccessReport.LABEL_LENGTH);
        assertThat(Arrays.stream(RequestType.values()).mapToInt(type -> type.code().length()).max().orElseThrow())
                .isLessThanOrEqualTo(AccessReport.RIGHT_LENGTH);
        // the breach register's count of affected subjects per jurisdiction
        assertThat(Jurisdiction.values().length).isLessThanOrEqualTo(6);
        assertThat(Arrays.stream(Jurisdiction.values()).mapToInt(jurisdiction -> jurisdiction.code().length()).max().orElseThrow())
                .isLessThanOrEqualTo(5);
    }

    /** The bound on a record component (kept on its field: the annotation does not target components). */
    private static int maxItems(Class<?> record, String component) throws NoSuchFieldException {
        ArraySchema schema = record.getDeclaredField(component).getAnnotation(ArraySchema.class);
        assertThat(schema).as(record.getSimpleName() + "." + component + " states its bound").isNotNull();
        return schema.maxItems();
    }
}
