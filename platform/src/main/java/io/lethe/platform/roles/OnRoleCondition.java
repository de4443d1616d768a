package io.lethe.platform.roles;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class OnRoleCondition implements Condition {

    static final String PROPERTY = "lethe.roles";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        LetheRole required = (LetheRole) attributes.get("value");
        boolean active = (Boolean) attributes.get("active");
        return active(Binder.get(context.getEnvironment())).contains(required) == active;
    }

    static Set<LetheRole> active(Binder binder) {
        List<LetheRole> roles = binder.bind(PROPERTY, Bindable.listOf(LetheRole.class)).orElse(List.of());
        return roles.isEmpty() ? EnumSet.allOf(LetheRole.class) : EnumSet.copyOf(roles);
    }
}
