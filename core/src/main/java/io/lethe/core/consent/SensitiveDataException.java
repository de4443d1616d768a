package io.lethe.core.consent;

/** The cases in which sensitive information may be acquired without prior consent (policy §4, §5). */
public enum SensitiveDataException {
    /** Based on laws and regulations. */
    REQUIRED_BY_LAW,
    /** To protect life, wellbeing or property where consent is difficult to obtain. */
    PROTECT_LIFE_OR_PROPERTY,
    /** Made public by the individual, a government organ, or another listed person. */
    MADE_PUBLIC,
    /** Message contents sent through the Service (three-way communications, policy §5). */
    SERVICE_MESSAGE_CONTENT,
    /** Evident from visual observation, filming or photographing. */
    VISUALLY_EVIDENT
}
