/** How the API reads JSON: a value of the wrong JSON type for its field is refused, never converted. */
package io.lethe.platform.json;
