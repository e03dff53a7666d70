/* test-jwt.c: decoding pasted access tokens, including every kind of bad
 * input an administrator can paste.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-api.h"
#include "roster-jwt.h"

/* Builds "header.payload.signature" with @payload_json encoded as
 * base64url without padding, the way Auth0 issues tokens. */
static char *
make_token (const char *payload_json)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) payload_json, strlen (payload_json));

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');

  return g_strdup_printf ("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.%s.c2lnbmF0dXJl", encoded);
}

static void
test_jwt_decode_valid (void)
{
  g_autofree char *token = make_token ("{\"iss\":\"https://travel0.us.auth0.com/\","
                                       "\"sub\":\"abc@clients\","
                                       "\"aud\":\"https://travel0.us.auth0.com/api/v2/\","
                                       "\"iat\":1700000000,\"exp\":1700086400,"
                                       "\"scope\":\"read:organizations  delete:organization_members\","
                                       "\"gty\":\"client-credentials\"}");
  g_autoptr(RosterJwtClaims) claims = NULL;
  g_autoptr(GError) error = NULL;

  claims = roster_jwt_decode (token, &error);

  g_assert_no_error (error);
  g_assert_nonnull (claims);
  g_assert_cmpint (claims->expires_at, ==, 1700086400);
  g_assert_cmpint (claims->issued_at, ==, 1700000000);
  g_assert_cmpstr (claims->audience, ==, "https://travel0.us.auth0.com/api/v2/");
  g_assert_cmpstr (claims->issuer, ==, "https://travel0.us.auth0.com/");
  g_assert_cmpstr (claims->subject, ==, "abc@clients");
  g_assert_cmpuint (g_strv_length (claims->scopes), ==, 2);
  g_assert_true (roster_jwt_claims_has_scope (claims, "delete:organization_members"));
  g_assert_false (roster_jwt_claims_has_scope (claims, "read:organization_member_roles"));
}

static void
test_jwt_decode_bearer_prefix (void)
{
  g_autofree char *token = make_token ("{\"exp\":1700086400,\"aud\":[\"https://a/api/v2/\",\"https://b/\"]}");
  g_autofree char *pasted = g_strdup_printf ("  bearer %s\n", token);
  g_autoptr(RosterJwtClaims) claims = NULL;
  g_autoptr(GError) error = NULL;

  claims = roster_jwt_decode (pasted, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (claims->audience, ==, "https://a/api/v2/");
  g_assert_cmpuint (g_strv_length (claims->scopes), ==, 0);
}

static void
test_jwt_strip_bearer (void)
{
  g_autofree char *plain = roster_jwt_strip_bearer (" abc.def.ghi ");
  g_autofree char *prefixed = roster_jwt_strip_bearer ("Bearer abc.def.ghi");
  g_autofree char *upper = roster_jwt_strip_bearer ("BEARER   abc.def.ghi");

  g_assert_cmpstr (plain, ==, "abc.def.ghi");
  g_assert_cmpstr (prefixed, ==, "abc.def.ghi");
  g_assert_cmpstr (upper, ==, "abc.def.ghi");
}

typedef struct
{
  const char *name;
  const char *token;        /* used as is when non-NULL */
  const char *payload_json; /* encoded into a token otherwise */
  const char *message_part; /* expected in the error message */
} BadTokenCase;

static const BadTokenCase bad_tokens[] = {
  { "empty", "", NULL, "three parts" },
  { "two parts", "abc.def", NULL, "three parts" },
  { "four parts", "a.b.c.d", NULL, "three parts" },
  { "empty payload", "abc..def", NULL, "three parts" },
  { "payload not base64url", "abc.d*f!.ghi", NULL, "base64url" },
  { "payload length impossible", "abc.abcde.ghi", NULL, "base64url" },
  { "payload not json", NULL, "not json at all", "JSON object" },
  { "payload json array", NULL, "[1,2,3]", "JSON object" },
  { "payload not utf8", NULL, "{\"exp\":\xff\xfe}", "JSON object" },
  { "no exp", NULL, "{\"scope\":\"read:organizations\"}", "exp" },
  { "exp a string", NULL, "{\"exp\":\"tomorrow\"}", "exp" },
  { "scope a list", NULL, "{\"exp\":1,\"scope\":[\"read:organizations\"]}", "scope" },
  { "scope a number", NULL, "{\"exp\":1,\"scope\":7}", "scope" },
};

static void
test_jwt_decode_bad_input (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_tokens); i++)
    {
      const BadTokenCase *bad = &bad_tokens[i];
      g_autofree char *token = NULL;
      g_autoptr(RosterJwtClaims) claims = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case: %s", bad->name);

      token = bad->token != NULL ? g_strdup (bad->token) : make_token (bad->payload_json);
      claims = roster_jwt_decode (token, &error);

      g_assert_null (claims);
      g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, bad->message_part));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jwt/decode-valid", test_jwt_decode_valid);
  g_test_add_func ("/jwt/decode-bearer-prefix", test_jwt_decode_bearer_prefix);
  g_test_add_func ("/jwt/strip-bearer", test_jwt_strip_bearer);
  g_test_add_func ("/jwt/decode-bad-input", test_jwt_decode_bad_input);

  return g_test_run ();
}
