package io.lethe.platform.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What Axon Server does to every command and query, in one JVM: each one, its metadata and its
 * answer go through the platform's message serializer to bytes and back, and a failure crosses as
 * Axon Server carries it — a {@link CommandExecutionException} with its details, its cause lost. A
 * path that holds only because no message was ever serialized fails here. (Events already take that
 * path: processors read them back from the store.) On with {@code lethe.test.serializing-buses=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lethe.test.serializing-buses", havingValue = "true")
public class SerializingBuses {

    private final Serializer serializer;

    SerializingBuses(@Qualifier("messageSerializer") Serializer serializer) {
        this.serializer = serializer;
    }

    @Autowired
    void serializeCommands(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor((MessageDispatchInterceptor<CommandMessage<?>>) messages ->
                (BiFunction<Integer, CommandMessage<?>, CommandMessage<?>>) (index, command) -> new GenericCommandMessage<>(
                        new GenericMessage<>(command.getIdentifier(), roundTrip(command.getPayload()),
                                roundTrip(command.getMetaData())), command.getCommandName()));
        commandBus.registerHandlerInterceptor((MessageHandlerInterceptor<CommandMessage<?>>) (unitOfWork, chain) -> {
            try {
                return roundTrip(chain.proceed());
            } catch (CommandExecutionException failure) {
                throw new CommandExecutionException(failure.getMessage(), null,
                        failure.getDetails().map(this::roundTrip).orElse(null));
            }
        });
    }

    @Autowired
    void serializeQueries(QueryBus queryBus) {
        queryBus.registerDispatchInterceptor((MessageDispatchInterceptor<QueryMessage<?, ?>>) messages ->
                (BiFunction<Integer, QueryMessage<?, ?>, QueryMessage<?, ?>>) (index, query) -> new GenericQueryMessage<>(
                        new GenericMessage<>(query.getIdentifier(), roundTrip(query.getPayload()), roundTrip(query.getMetaData())),
                        query.getQueryName(), query.getResponseType()));
        queryBus.registerHandlerInterceptor((MessageHandlerInterceptor<QueryMessage<?, ?>>) (unitOfWork, chain) ->
                answer(chain.proceed()));
    }

    private Object answer(Object result) {
        if (result instanceof Optional<?> optional) {
            return optional.map(this::roundTrip);
        }
        if (result instanceof List<?> list) {
            return list.stream().map(this::roundTrip).toList();
        }
        return roundTrip(result);
    }

    private MetaData roundTrip(MetaData metaData) {
        Map<String, Object> values = new HashMap<>();
        metaData.forEach((key, value) -> values.put(key, roundTrip(value)));
        return MetaData.from(values);
    }

    private <T> T roundTrip(T value) {
        if (value == null) {
            return null;
        }
        return serializer.deserialize(serializer.serialize(value, byte[].class));
    }
}
