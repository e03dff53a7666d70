/* roster-demo-jwt.c: HS256 JSON Web Tokens (RFC 7519) for the demo tenant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

static const char jwt_header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

/* Base64url without padding (RFC 7515, appendix C). */
static char *
base64url_encode (const guchar *data,
                  gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize end = strlen (text);

  while (end > 0 && text[end - 1] == '=')
    end--;
  text[end] = '\0';

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');

  return text;
}

/* Returns NULL when @text contains a character outside the base64url
 * alphabet or has an impossible length. */
static GBytes *
base64url_decode (const char *text)
{
  gsize length = strlen (text);
  g_autoptr(GString) standard = NULL;
  guchar *data;
  gsize data_length;

  if (length % 4 == 1)
    return NULL;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
        return NULL;
    }

  standard = g_string_new (text);
  g_strdelimit (standard->str, "-", '+');
  g_strdelimit (standard->str, "_", '/');
  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');

  data = g_base64_decode (standard->str, &data_length);

  return g_bytes_new_take (data, data_length);
}

static char *
sign (GBytes     *key,
      const char *signing_input)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  hmac = g_hmac_new (G_CHECKSUM_SHA256,
                     g_bytes_get_data (key, NULL),
                     g_bytes_get_size (key));
  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);

  return base64url_encode (digest, digest_length);
}

/* Signs @claims with @key and returns "header.payload.signature". */
char *
roster_demo_jwt_encode (GBytes     *key,
                        JsonObject *claims)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *payload_json = NULL;
  g_autofree char *header = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *signature = NULL;

  g_assert (key != NULL);
  g_assert (claims != NULL);

  json_node_set_object (node, claims);
  payload_json = json_to_string (node, FALSE);

  header = base64url_encode ((const guchar *) jwt_header, strlen (jwt_header));
  payload = base64url_encode ((const guchar *) payload_json, strlen (payload_json));
  signing_input = g_strconcat (header, ".", payload, NULL);
  signature = sign (key, signing_input);

  return g_strconcat (signing_input, ".", signature, NULL);
}

/* Parses a base64url segment holding a JSON object. */
static JsonObject *
decode_json_segment (const char *segment)
{
  g_autoptr(GBytes) bytes = base64url_decode (segment);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const char *data;
  gsize length;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  text = g_strndup (data, length);
  if (strlen (text) != length || !g_utf8_validate (text, -1, NULL))
    return NULL;

  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_ref (json_node_get_object (node));
}

static gboolean
signature_matches (GBytes     *key,
                   const char *signing_input,
                   const char *signature)
{
  g_autofree char *expected = sign (key, signing_input);
  gsize length = strlen (expected);
  guchar difference = 0;

  if (strlen (signature) != length)
    return FALSE;

  /* Compares every byte, whatever the first difference, like real
   * verifiers do against timing attacks. */
  for (gsize i = 0; i < length; i++)
    difference |= expected[i] ^ signature[i];

  return difference == 0;
}

static gboolean
header_is_hs256 (JsonObject *header)
{
  JsonNode *alg = json_object_get_member (header, "alg");

  return alg != NULL
    && json_node_get_value_type (alg) == G_TYPE_STRING
    && g_strcmp0 (json_node_get_string (alg), "HS256") == 0;
}

static gboolean
claims_have_expiry (JsonObject *claims)
{
  JsonNode *exp = json_object_get_member (claims, "exp");

  return exp != NULL && json_node_get_value_type (exp) == G_TYPE_INT64;
}

/* Checks the structure, the signature, then the expiry of @token, in the
 * order Auth0 reports them. @claims_out receives the payload of a valid
 * token. */
RosterDemoJwtStatus
roster_demo_jwt_verify (GBytes      *key,
                        const char  *token,
                        gint64       now_seconds,
                        JsonObject **claims_out)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *signing_input = NULL;

  g_assert (key != NULL);
  g_assert (token != NULL);

  parts = g_strsplit (token, ".", -1);
  if (g_strv_length (parts) != 3)
    return ROSTER_DEMO_JWT_MALFORMED;

  header = decode_json_segment (parts[0]);
  claims = decode_json_segment (parts[1]);
  if (header == NULL || claims == NULL || !header_is_hs256 (header) || !claims_have_expiry (claims))
    return ROSTER_DEMO_JWT_MALFORMED;

  signing_input = g_strconcat (parts[0], ".", parts[1], NULL);
  if (!signature_matches (key, signing_input, parts[2]))
    return ROSTER_DEMO_JWT_BAD_SIGNATURE;

  if (json_object_get_int_member (claims, "exp") <= now_seconds)
    return ROSTER_DEMO_JWT_EXPIRED;

  if (claims_out != NULL)
    *claims_out = g_steal_pointer (&claims);

  return ROSTER_DEMO_JWT_VALID;
}
