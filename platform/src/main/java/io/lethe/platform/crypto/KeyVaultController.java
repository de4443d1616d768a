package io.lethe.platform.crypto;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Operators' view of the key vault and KEK rotation (role ADMIN). Names no subject. */
@RestController
@RequestMapping("/api/admin/key-vault")
@Tag(name = "Key vault", description = "Key-encryption-key rotation and key counts")
class KeyVaultController {

    private final KekRotation rotation;
    private final KeyVault vault;
    private final ShredLedger ledger;
    private final KeyShredding shredding;

    KeyVaultController(KekRotation rotation, KeyVault vault, ShredLedger ledger, KeyShredding shredding) {
        this.rotation = rotation;
        this.vault = vault;
        this.ledger = ledger;
        this.shredding = shredding;
    }

    @ApiResponse(responseCode = "200", description = "The vault's census.")
    @GetMapping
    @Operation(operationId = "getKeyVault", summary = "Count data keys per KEK, and shredded ones",
            description = "Also says whether the vault has a database of its own, how many destroyed keys the shred "
                    + "ledger records, and how many of them a separate vault has yet to destroy (retried).")
    KeyVaultCensus census() {
        return new KeyVaultCensus(rotation.currentKekId(), rotation.census(),
                new VaultState(vault.separate(), ledger.size(), shredding.pendingInVault()));
    }

    @ApiResponse(responseCode = "200", description = "How many data keys were re-wrapped.")
    @PostMapping("/rotation")
    @Operation(operationId = "rotateKeyVault", summary = "Re-wrap every data key under the current KEK",
            description = "Run after adding a new KEK to lethe.crypto.keks and making it lethe.crypto.current-kek; "
                    + "events are not touched. When it reports zero keys left under the old KEK, that KEK can be removed.")
    KeyVaultRotation rotate() {
        int rewrapped = rotation.rewrapToCurrentKek();
        return new KeyVaultRotation(rotation.currentKekId(), rewrapped, rotation.census());
    }

    record KeyVaultCensus(@Schema(maxLength = KeyEncryptionKeys.MAX_ID_LENGTH) String currentKek, Map<String, Long> keysByKek, VaultState vault) {
    }

    /** The vault's place and its ledger, for operators: where it lives, the ledger's size, what a separate vault still owes. */
    record VaultState(boolean separateDatabase, long ledgerEntries, int pendingShreddings) {
    }

    record KeyVaultRotation(@Schema(maxLength = KeyEncryptionKeys.MAX_ID_LENGTH) String currentKek, int rewrapped, Map<String, Long> keysByKek) {
    }
}
