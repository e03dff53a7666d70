/* roster-jwt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "roster-api-error.h"
#include "roster-jwt.h"

void
roster_jwt_claims_free (RosterJwtClaims *claims)
{
  if (claims == NULL)
    return;

  g_free (claims->audience);
  g_free (claims->issuer);
  g_free (claims->subject);
  g_strfreev (claims->scopes);
  g_free (claims);
}

static GError *
new_invalid_token_error (const char *reason)
{
  /* Translators: %s describes what is wrong with the pasted token. */
  return g_error_new (ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
                      _("The token is not a valid access token: %s. Copy the whole token again."),
                      reason);
}

char *
roster_jwt_strip_bearer (const char *token)
{
  g_autofree char *copy = NULL;
  const char *start;

  g_return_val_if_fail (token != NULL, NULL);

  copy = g_strstrip (g_strdup (token));
  start = copy;

  if (g_ascii_strncasecmp (start, "Bearer ", strlen ("Bearer ")) == 0)
    start += strlen ("Bearer ");

  while (g_ascii_isspace (*start))
    start++;

  return g_strdup (start);
}

/* Decodes base64url without padding (RFC 7515, section 2). g_base64_decode
 * skips characters outside its alphabet, so the input is checked first. */
static GBytes *
decode_base64url (const char *text,
                  gsize       length)
{
  g_autoptr(GString) standard = NULL;
  guchar *data;
  gsize data_length;

  g_assert (text != NULL);

  if (length == 0 || length % 4 == 1)
    return NULL;

  standard = g_string_sized_new (length + 3);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;

      g_string_append_c (standard, c);
    }

  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');

  data = g_base64_decode (standard->str, &data_length);

  return g_bytes_new_take (data, data_length);
}

static JsonObject *
parse_payload (const char  *token,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) payload = NULL;
  const char *data;
  gsize length;
  JsonNode *root;

  if (g_strv_length (parts) != 3 || *parts[0] == '\0' || *parts[1] == '\0')
    {
      g_propagate_error (error, new_invalid_token_error (_("it does not have three parts separated by dots")));
      return NULL;
    }

  payload = decode_base64url (parts[1], strlen (parts[1]));
  if (payload == NULL)
    {
      g_propagate_error (error, new_invalid_token_error (_("its payload is not base64url")));
      return NULL;
    }

  data = g_bytes_get_data (payload, &length);
  if (!g_utf8_validate_len (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, new_invalid_token_error (_("its payload is not a JSON object")));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static gboolean
read_number_member (JsonObject *object,
                    const char *name,
                    gint64     *value_out)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value_out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value_out = (gint64) json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static char *
dup_audience (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "aud");

  /* "aud" is a string or an array of strings (RFC 7519, section 4.1.3). */
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        return NULL;

      node = json_array_get_element (array, 0);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;

      return g_strdup (json_node_get_string (node));
    }

  return dup_string_member (object, "aud");
}

static gboolean
read_scopes (JsonObject   *object,
             char       ***scopes_out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, "scope");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *scopes_out = g_strv_builder_end (builder);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_propagate_error (error, new_invalid_token_error (_("its “scope” claim is not a string")));
      return FALSE;
    }

  words = g_strsplit (json_node_get_string (node), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] != '\0')
        g_strv_builder_add (builder, words[i]);
    }

  *scopes_out = g_strv_builder_end (builder);
  return TRUE;
}

RosterJwtClaims *
roster_jwt_decode (const char  *token,
                   GError     **error)
{
  g_autoptr(RosterJwtClaims) claims = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = roster_jwt_strip_bearer (token);
  payload = parse_payload (stripped, error);
  if (payload == NULL)
    return NULL;

  claims = g_new0 (RosterJwtClaims, 1);

  if (!read_number_member (payload, "exp", &claims->expires_at))
    {
      g_propagate_error (error, new_invalid_token_error (_("it has no expiry time (“exp” claim)")));
      return NULL;
    }

  if (!read_scopes (payload, &claims->scopes, error))
    return NULL;

  read_number_member (payload, "iat", &claims->issued_at);
  claims->audience = dup_audience (payload);
  claims->issuer = dup_string_member (payload, "iss");
  claims->subject = dup_string_member (payload, "sub");

  return g_steal_pointer (&claims);
}

gboolean
roster_jwt_claims_has_scope (const RosterJwtClaims *claims,
                             const char            *scope)
{
  g_return_val_if_fail (claims != NULL, FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  return g_strv_contains ((const char * const *) claims->scopes, scope);
}
