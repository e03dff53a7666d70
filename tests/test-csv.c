/* test-csv.c: members written as CSV parse back to the same values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-csv.h"

/* A strict RFC 4180 reader for the checks: CRLF record ends, quoted
 * fields with doubled quotes. Returns a GPtrArray of GStrv records. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) record = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; !(p[0] == '"' && p[1] != '"'); p++)
            {
              g_assert_cmpint (*p, !=, '\0');
              if (p[0] == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      else
        {
          for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
            {
              g_assert_cmpint (*p, !=, '"');
              g_assert_cmpint (*p, !=, '\n');
              g_string_append_c (field, *p);
            }
        }

      g_strv_builder_add (record, field->str);
      g_string_truncate (field, 0);

      if (*p == ',')
        {
          p++;
          continue;
        }

      g_assert_cmpint (p[0], ==, '\r');
      g_assert_cmpint (p[1], ==, '\n');
      p += 2;
      g_ptr_array_add (records, g_strv_builder_end (record));
      g_clear_pointer (&record, g_strv_builder_unref);
      record = g_strv_builder_new ();
    }

  return records;
}

static RosterMember *
member_with_roles (const char *user_id,
                   const char *name,
                   const char *email,
                   const char *roles_json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) roles = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  RosterMember *member;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_string_value (builder, user_id);
  if (name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
    }
  if (email != NULL)
    {
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, email);
    }
  if (roles_json != NULL)
    {
      roles = json_from_string (roles_json, &error);
      g_assert_no_error (error);
      json_builder_set_member_name (builder, "roles");
      json_builder_add_value (builder, g_steal_pointer (&roles));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  member = roster_member_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);

  return member;
}

static void
test_members_round_trip (void)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *csv = NULL;
  const char *expected[][4] = {
    { "user_id", "name", "email", "roles" },
    { "auth0|1", "Doe, Jane", "jane@example.com", "Admin; Billing, EU" },
    { "samlp|corp/2", "Tom \"The Cat\" & Jerry <QA>", "qa+tom@example.com", "" },
    { "waad|3", "Line one\nline two\r\nline three", "", "" },
    { "google-oauth2|4", "Łukasz Żółć 山田太郎 José", "jose@example.com", "" },
    { "auth0|5", "", "", "" },
    { "auth0|6", "\"", ",", "" },
  };

  g_ptr_array_add (members, member_with_roles ("auth0|1", "Doe, Jane", "jane@example.com",
                                               "[{\"id\": \"rol_1\", \"name\": \"Admin\"},"
                                               " {\"id\": \"rol_2\", \"name\": \"Billing, EU\"}]"));
  g_ptr_array_add (members, member_with_roles ("samlp|corp/2", "Tom \"The Cat\" & Jerry <QA>",
                                               "qa+tom@example.com", "[]"));
  g_ptr_array_add (members, member_with_roles ("waad|3", "Line one\nline two\r\nline three", NULL, NULL));
  g_ptr_array_add (members, member_with_roles ("google-oauth2|4", "Łukasz Żółć 山田太郎 José",
                                               "jose@example.com", NULL));
  g_ptr_array_add (members, member_with_roles ("auth0|5", NULL, NULL, NULL));
  g_ptr_array_add (members, member_with_roles ("auth0|6", "\"", ",", NULL));

  csv = roster_csv_format_members (members);
  g_assert_true (g_utf8_validate (csv, -1, NULL));

  records = parse_csv (csv);
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < records->len; i++)
    {
      GStrv record = g_ptr_array_index (records, i);

      g_test_message ("record %u", i);
      g_assert_cmpuint (g_strv_length (record), ==, 4);
      for (guint j = 0; j < 4; j++)
        g_assert_cmpstr (record[j], ==, expected[i][j]);
    }
}

/* Only fields that need it are quoted, so plain exports stay readable. */
static void
test_quotes_only_when_needed (void)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  const char *fields[] = { "plain", "with,comma", "with \"quote\"", NULL, "José" };

  roster_csv_append_record (csv, fields, G_N_ELEMENTS (fields));

  g_assert_cmpstr (csv->str, ==, "plain,\"with,comma\",\"with \"\"quote\"\"\",,José\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/members-round-trip", test_members_round_trip);
  g_test_add_func ("/csv/quotes-only-when-needed", test_quotes_only_when_needed);

  return g_test_run ();
}
