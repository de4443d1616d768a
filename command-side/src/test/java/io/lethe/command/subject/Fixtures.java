package io.lethe.command.subject;

import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.core.crypto.DataKeys;
import io.lethe.core.request.RequestRules;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * The DataSubject fixture as the platform wires it: commands routed by the cached target resolver and
 * validated on handling, the key vault and the rule table injected.
 */
final class Fixtures {

    private Fixtures() {
    }

    static FixtureConfiguration<DataSubject> dataSubject(DataKeys keys) {
        return dataSubject(keys, new io.lethe.command.InMemoryUsageGovernance());
    }

    static FixtureConfiguration<DataSubject> dataSubject(DataKeys keys, io.lethe.core.subject.UsageGovernance governance) {
        FixtureConfiguration<DataSubject> fixture = new AggregateTestFixture<>(DataSubject.class);
        // the platform validates on dispatch and again on handling; the fixture exercises the handling side
        fixture.registerCommandHandlerInterceptor(new BeanValidationInterceptor<>());
        fixture.registerCommandTargetResolver(new CachedCommandTargetResolver());
        fixture.registerInjectableResource(keys);
        fixture.registerInjectableResource(new RequestRules());
        fixture.registerInjectableResource(UsagePeriods.DEFAULT);
        fixture.registerInjectableResource(governance);
        return fixture;
    }
}
