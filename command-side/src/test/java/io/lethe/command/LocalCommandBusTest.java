package io.lethe.command;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A command that begins its stream and finds it taken is refused as the command says; nothing else changes. */
class LocalCommandBusTest {

    private static final RegisterAccountCommand REGISTRATION = new RegisterAccountCommand(SubjectId.random(), Jurisdiction.EU,
            "Test Subject", LocalDate.of(1990, 1, 1), null, "test@example.eu", null, null);

    @Test
    void aTakenStreamRefusesTheCommandThatBeginsIt() {
        for (RuntimeException taken : new RuntimeException[] {
                new AggregateStreamCreationException("taken"), new ConcurrencyException("taken")}) {
            CommandResultMessage<?> result = dispatch(REGISTRATION, taken);
            assertThat(result.exceptionResult()).isInstanceOf(CommandExecutionException.class);
            assertThat(Refusal.of(result.exceptionResult())).hasValueSatisfying(refusal ->
                    assertThat(refusal.code()).isEqualTo("subject-already-registered"));
        }
    }

    @Test
    void otherCommandsAndOtherFailuresPassAsTheyAre() {
        AggregateStreamCreationException taken = new AggregateStreamCreationException("taken");
        assertThat(dispatch("not a beginning", taken).exceptionResult()).isSameAs(taken);
        IllegalStateException broken = new IllegalStateException("the database is down");
        assertThat(dispatch(REGISTRATION, broken).exceptionResult()).isSameAs(broken);
        assertThat(dispatch(REGISTRATION, null).isExceptional()).isFalse();
    }

    private static CommandResultMessage<?> dispatch(Object command, RuntimeException failure) {
        LocalCommandBus bus = new LocalCommandBus(SimpleCommandBus.builder());
        bus.subscribe(GenericCommandMessage.asCommandMessage(command).getCommandName(), message -> {
            if (failure != null) {
                throw failure;
            }
            return "done";
        });
        CompletableFuture<CommandResultMessage<?>> outcome = new CompletableFuture<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, result) -> outcome.complete(result));
        return outcome.join();
    }
}
