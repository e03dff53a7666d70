/* roster-json-private.h: small json-glib helpers shared inside src/api.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Returns the string member @name of @object, or NULL when it is absent, null
 * or not a string. Auth0 omits optional fields, so callers treat all three
 * alike. */
const char *roster_json_object_get_string (JsonObject  *object,
                                           const char  *name);

/* Parses @body as JSON. Returns NULL with @error set when @body is empty or
 * not JSON. */
JsonNode   *roster_json_parse_bytes       (GBytes      *body,
                                           GError     **error);

/* Builds the body of a member or role write: {"@key": [@ids]}. The ids go
 * into JSON as they are, unlike in a path, where they are percent-encoded. */
GBytes     *roster_json_build_string_array_body (const char         *key,
                                                 const char * const *ids);

G_END_DECLS
