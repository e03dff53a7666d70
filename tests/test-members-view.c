/* test-members-view.c: search, selection under a search, and the members
 * view's own actions, driven through the main window against the demo
 * tenant, which runs in this process on the same main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "roster-demo-tenant.h"
#include "roster-member-details.h"
#include "roster-members-view.h"
#include "roster-sidebar.h"
#include "roster-test-utils.h"
#include "roster-window.h"

#define ACME_MEMBER_COUNT 30
#define ACME_MEMBERS_PATH "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members"
#define READ_ONLY_SCOPES "read:organizations read:organization_members"

typedef struct
{
  RosterDemoTenant  *tenant;
  RosterClient      *client;
  RosterWindow      *window;
  RosterMembersView *view;     /* unowned: inside window */
} Fixture;

typedef struct
{
  const char *query;
  guint       n_matches;
} SearchCase;

/* Expected counts among Acme's 30 members. They were worked out from the
 * demo data set with Python's unicodedata (NFKD, marks dropped,
 * casefold), independently of the C code under test. */
static const SearchCase acme_searches[] = {
  { "jose", 1 },             /* "José Álvarez" */
  { "JOSÉ", 1 },
  { "Álvarez", 1 },
  { "zoe", 1 },              /* "Zoë Ångström" */
  { "ANGSTROM", 1 },
  { "Sparck", 1 },           /* "Karen Spärck Jones" */
  { "HAKON", 1 },            /* "Håkon Wium Lie" */
  { "łukasz", 1 },
  { "山田", 1 },
  { "ann", 2 },              /* "Annie Easley", "Claude Shannon" */
  { "hopper", 1 },
  { "@acme.example", 28 },   /* everyone but the two members without email */
  { "tom & jerry", 1 },
  { "<qa>", 1 },
  { "samlp|corp/", 6 },
  { "corp/elodie", 1 },      /* user ID "samlp|corp/élodie.martin" */
  { "eip155:5:", 2 },
  { "google-oauth2|", 5 },
  { "|", 30 },
  { "/", 6 },
  { "no such member", 0 },
  { "hopper\ngrace", 0 },   /* a pasted line break must not join name and email */
  { "", 30 },
};

static GtkApplication *application;

static gboolean
search_is_done (gpointer data)
{
  return !roster_members_view_is_filtering (data);
}

static gboolean
is_members_view (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ROSTER_IS_MEMBERS_VIEW (widget);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tenant = roster_demo_tenant_new ();
}

/* Closes the window and checks that it finalizes. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      GtkWindow *window = GTK_WINDOW (fixture->window);

      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &fixture->window);
      gtk_window_destroy (window);
      roster_test_wait_until (roster_test_pointer_is_null, &fixture->window, "the window to finalize");
    }

  g_clear_object (&fixture->client);
  g_clear_object (&fixture->tenant);
}

/* Starts the tenant, opens a window with a token granting @scopes (NULL:
 * every scope) and opens @organization_id. */
static void
open_organization (Fixture    *fixture,
                   const char *scopes,
                   const char *organization_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  roster_demo_tenant_start (fixture->tenant, 0, &error);
  g_assert_no_error (error);

  token = roster_demo_tenant_mint_token (fixture->tenant, scopes);
  fixture->client = roster_client_new (roster_demo_tenant_get_base_uri (fixture->tenant));
  roster_client_set_access_token (fixture->client, token);

  fixture->window = roster_window_new (application, fixture->client, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  roster_test_wait_until (roster_test_widget_is_mapped, fixture->window, "the window to map");
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the organizations to load");

  fixture->view = ROSTER_MEMBERS_VIEW (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                                                is_members_view, NULL));
  g_assert_nonnull (fixture->view);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-organization",
                              "s", organization_id);
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the members to load");
}

static void
search (Fixture    *fixture,
        const char *text)
{
  roster_members_view_set_search_text (fixture->view, text);
  roster_test_wait_until (search_is_done, fixture->view, "the search to check every row");
}

static guint
count_matching (Fixture *fixture)
{
  return g_list_model_get_n_items (roster_members_view_get_matching_members (fixture->view));
}

/* Counts the selected rows the list shows, through the interface the
 * column view uses. */
static guint
count_selected_rows (Fixture *fixture)
{
  GtkSelectionModel *selection = roster_window_get_members_selection (fixture->window);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  return (guint) gtk_bitset_get_size (selected);
}

static AdwWindowTitle *
find_window_title (Fixture    *fixture,
                   const char *title)
{
  return ADW_WINDOW_TITLE (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                                    roster_test_is_window_title, title));
}

static void
test_search_table (Fixture       *fixture,
                   gconstpointer  data)
{
  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);
  g_assert_cmpuint (count_matching (fixture), ==, ACME_MEMBER_COUNT);

  for (guint i = 0; i < G_N_ELEMENTS (acme_searches); i++)
    {
      const SearchCase *search_case = &acme_searches[i];

      search (fixture, search_case->query);
      g_test_message ("query “%s”", search_case->query);
      g_assert_cmpuint (count_matching (fixture), ==, search_case->n_matches);
    }
}

static void
test_search_no_results_page (Fixture       *fixture,
                             gconstpointer  data)
{
  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);

  search (fixture, "no such member");
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                             roster_test_is_mapped_status_page, "No Results"));
  g_assert_cmpstr (adw_window_title_get_subtitle (find_window_title (fixture, "Acme & <Sons>")), ==,
                   "Showing 0 of 30 members");

  search (fixture, "jose");
  g_assert_null (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                          roster_test_is_mapped_status_page, "No Results"));
  g_assert_cmpuint (count_matching (fixture), ==, 1);
  g_assert_cmpstr (adw_window_title_get_subtitle (find_window_title (fixture, "Acme & <Sons>")), ==,
                   "Showing 1 of 30 members");

  search (fixture, "");
  g_assert_cmpstr (adw_window_title_get_subtitle (find_window_title (fixture, "Acme & <Sons>")), ==,
                   "30 members");
}

/* The search also filters members that arrive after it was typed. */
static void
test_search_filters_arriving_rows (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  roster_demo_tenant_start (fixture->tenant, 0, &error);
  g_assert_no_error (error);
  token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  fixture->client = roster_client_new (roster_demo_tenant_get_base_uri (fixture->tenant));
  roster_client_set_access_token (fixture->client, token);

  fixture->window = roster_window_new (application, fixture->client, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  roster_test_wait_until (roster_test_widget_is_mapped, fixture->window, "the window to map");
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the organizations to load");
  fixture->view = ROSTER_MEMBERS_VIEW (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                                                is_members_view, NULL));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-organization",
                              "s", ROSTER_DEMO_ORG_ACME);
  roster_members_view_set_search_text (fixture->view, "samlp|corp/");
  g_assert_true (roster_members_view_is_loading (fixture->view));

  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the members to load");
  roster_test_wait_until (search_is_done, fixture->view, "the search to check every row");
  g_assert_cmpuint (count_matching (fixture), ==, 6);
}

/* Ctrl+A selects exactly the matching rows; the selection survives a new
 * search, and the header counts the selected members it hides. */
static void
test_select_all_under_search (Fixture       *fixture,
                              gconstpointer  data)
{
  AdwWindowTitle *title;

  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);

  search (fixture, "samlp|corp/");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  g_assert_cmpuint (roster_members_view_get_n_selected (fixture->view), ==, 6);
  g_assert_cmpuint (count_selected_rows (fixture), ==, 6);
  g_assert_cmpuint (roster_members_view_get_n_hidden_selected (fixture->view), ==, 0);

  /* One of the six, "samlp|corp/jdoe", is John Doe. */
  search (fixture, "doe");
  g_assert_cmpuint (roster_members_view_get_n_selected (fixture->view), ==, 6);
  g_assert_cmpuint (count_selected_rows (fixture), ==, 1);
  g_assert_cmpuint (roster_members_view_get_n_hidden_selected (fixture->view), ==, 5);

  title = find_window_title (fixture, "6 Selected");
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "5 hidden by search");

  /* Ctrl+A adds the matching rows to the hidden ones. */
  search (fixture, "hopper");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  g_assert_cmpuint (roster_members_view_get_n_selected (fixture->view), ==, 7);
  g_assert_cmpuint (roster_members_view_get_n_hidden_selected (fixture->view), ==, 6);

  search (fixture, "");
  g_assert_cmpuint (count_selected_rows (fixture), ==, 7);
  g_assert_cmpuint (roster_members_view_get_n_hidden_selected (fixture->view), ==, 0);
  g_assert_nonnull (find_window_title (fixture, "7 Selected"));

  /* Clearing the selection clears the hidden members too. */
  search (fixture, "hopper");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-selection", NULL);
  g_assert_cmpuint (roster_members_view_get_n_selected (fixture->view), ==, 0);
  g_assert_cmpuint (roster_members_view_get_n_hidden_selected (fixture->view), ==, 0);
}

/* Ctrl+A while the incremental filter still checks rows selects every
 * matching member, not only those checked so far. */
static void
test_select_all_while_filtering (Fixture       *fixture,
                                 gconstpointer  data)
{
  guint n_selected;

  open_organization (fixture, NULL, ROSTER_DEMO_ORG_LARGE);
  g_assert_cmpuint (g_list_model_get_n_items (roster_window_get_members (fixture->window)), ==,
                    ROSTER_DEMO_LARGE_MEMBER_COUNT);

  roster_members_view_set_search_text (fixture->view, "ma");
  g_assert_true (roster_members_view_is_filtering (fixture->view));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  n_selected = roster_members_view_get_n_selected (fixture->view);

  roster_test_wait_until (search_is_done, fixture->view, "the search to check every row");
  g_assert_cmpuint (count_matching (fixture), >, 0);
  g_assert_cmpuint (count_matching (fixture), <, ROSTER_DEMO_LARGE_MEMBER_COUNT);
  g_assert_cmpuint (n_selected, ==, count_matching (fixture));
  g_assert_cmpuint (count_selected_rows (fixture), ==, n_selected);
  g_assert_cmpuint (roster_members_view_get_n_hidden_selected (fixture->view), ==, 0);
}

/* Remove acts on every selected member, those the search hides included. */
static void
test_remove_includes_hidden (Fixture       *fixture,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *button;

  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);

  search (fixture, "eip155:5:");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  search (fixture, "hopper");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  g_assert_cmpuint (roster_members_view_get_n_selected (fixture->view), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-selected", NULL);
  roster_test_wait_until (roster_test_dialog_is_mapped, fixture->window, "the confirmation dialog to map");
  dialog = roster_window_get_message_dialog (fixture->window);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), "Remove 3 Members"));
  g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (dialog), "\n\nThe search hides 2 of them."));

  button = roster_test_find_widget (GTK_WIDGET (dialog), roster_test_is_mapped_button, "_Remove");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  roster_test_wait_until (roster_test_dialog_is_gone, fixture->window, "the dialog to close");
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the removal to finish");

  g_assert_cmpuint (g_list_model_get_n_items (roster_window_get_members (fixture->window)), ==,
                    ACME_MEMBER_COUNT - 3);
  g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME,
                                                 "oauth2|siwe|eip155:5:0x8ba1f109551bd432803012645ac136ddd64dba72"));
  g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME,
                                                 "auth0|65f0c1a2b3d4e5f607182934"));
  g_assert_cmpuint (roster_members_view_get_n_selected (fixture->view), ==, 0);
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* Returns the query of each GET of Acme's members. */
static GStrv
dup_member_queries (Fixture *fixture)
{
  GPtrArray *requests = roster_demo_tenant_get_requests (fixture->tenant);
  g_autoptr(GStrvBuilder) queries = g_strv_builder_new ();

  for (guint i = 0; i < requests->len; i++)
    {
      RosterDemoRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "GET") && g_str_equal (request->path, ACME_MEMBERS_PATH))
        g_strv_builder_add (queries, request->query != NULL ? request->query : "");
    }

  return g_strv_builder_end (queries);
}

/* With the roles scope, one request per page carries the roles and the
 * column shows them. */
static void
test_roles_with_scope (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(GStrv) queries = NULL;
  GListModel *members;
  g_autoptr(RosterMember) grace = NULL;

  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);

  /* Checkpoint paging ends on an empty second page. */
  queries = dup_member_queries (fixture);
  g_assert_cmpuint (g_strv_length (queries), ==, 2);
  for (guint i = 0; queries[i] != NULL; i++)
    g_assert_nonnull (strstr (queries[i], "fields=user_id,email,name,picture,roles&"));

  /* "Grace Hopper" is the ninth member, with Admin and Support. */
  members = roster_window_get_members (fixture->window);
  grace = g_list_model_get_item (members, 8);
  g_assert_cmpstr (roster_member_get_name (grace), ==, "Grace Hopper");
  g_assert_nonnull (roster_member_get_roles (grace));
  g_assert_cmpstrv (roster_member_get_roles (grace), ((const char *[]) { "Admin", "Support", NULL }));

  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                             is_mapped_label, "Admin, Support"));
  g_assert_null (roster_test_find_widget (GTK_WIDGET (fixture->window), is_mapped_label,
                                          "Needs read:organization_member_roles"));
}

/* Without the roles scope, the request leaves roles out and the column
 * names the missing scope instead of showing empty cells. */
static void
test_roles_without_scope (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(GStrv) queries = NULL;
  g_autoptr(RosterMember) grace = NULL;

  open_organization (fixture, READ_ONLY_SCOPES, ROSTER_DEMO_ORG_ACME);
  g_assert_cmpuint (g_list_model_get_n_items (roster_window_get_members (fixture->window)), ==,
                    ACME_MEMBER_COUNT);

  queries = dup_member_queries (fixture);
  g_assert_cmpuint (g_strv_length (queries), ==, 2);
  for (guint i = 0; queries[i] != NULL; i++)
    g_assert_null (strstr (queries[i], "roles"));

  grace = g_list_model_get_item (roster_window_get_members (fixture->window), 8);
  g_assert_null (roster_member_get_roles (grace));

  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (fixture->window), is_mapped_label,
                                             "Needs read:organization_member_roles"));
  g_assert_null (roster_test_find_widget (GTK_WIDGET (fixture->window), is_mapped_label, "Admin, Support"));
}

static void
on_clipboard_read (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gboolean
view_lists_rows_while_loading (gpointer data)
{
  Fixture *fixture = data;

  return roster_members_view_is_loading (fixture->view) &&
         g_list_model_get_n_items (roster_members_view_get_members (fixture->view)) > 0;
}

static gboolean
export_enabled (Fixture *fixture)
{
  return g_action_group_get_action_enabled (roster_members_view_get_action_group (fixture->view),
                                            "export-csv");
}

/* Export with nothing selected saves every matching member, so it waits
 * for the whole list, and a list a failed page left incomplete exports
 * nothing. */
static void
test_export_needs_complete_list (Fixture       *fixture,
                                 gconstpointer  data)
{
  roster_demo_tenant_set_latency (fixture->tenant, 100);
  open_organization (fixture, NULL, ROSTER_DEMO_ORG_EMPTY);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-organization",
                              "s", ROSTER_DEMO_ORG_LARGE);
  roster_test_wait_until (view_lists_rows_while_loading, fixture, "the first pages to arrive");
  g_assert_false (export_enabled (fixture));

  roster_test_wait_until_for (roster_test_window_is_idle, fixture->window, 30, "the members to load");
  g_assert_true (export_enabled (fixture));

  roster_demo_tenant_inject_failure (fixture->tenant, "GET",
                                     "/api/v2/organizations/" ROSTER_DEMO_ORG_LARGE "/members",
                                     500, NULL, "Internal error");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the refresh to fail");

  g_assert_nonnull (roster_members_view_get_error (fixture->view));
  g_assert_false (export_enabled (fixture));
  g_assert_false (g_action_group_get_action_enabled (roster_members_view_get_action_group (fixture->view),
                                                     "copy-user-ids"));
}

/* Copy User IDs puts every selected ID on the clipboard, hidden ones
 * included, one per line in list order. */
static void
test_copy_user_ids (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;

  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);
  g_assert_false (g_action_group_get_action_enabled (roster_members_view_get_action_group (fixture->view),
                                                     "copy-user-ids"));

  search (fixture, "eip155:5:");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  search (fixture, "hopper");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "members.copy-user-ids", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), NULL,
                                 on_clipboard_read, &text);
  roster_test_wait_until (pointer_is_set, &text, "the clipboard text");

  g_assert_cmpstr (text, ==,
                   "oauth2|siwe|eip155:5:0x8ba1f109551bd432803012645ac136ddd64dba72\n"
                   "auth0|65f0c1a2b3d4e5f607182934\n"
                   "oauth2|siwe|eip155:5:0x71c7656ec7ab88b098defb751b7401b5f6d8976f");
}

typedef struct
{
  gboolean done;
  gboolean success;
} ExportResult;

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportResult *export_result = user_data;
  g_autoptr(GError) error = NULL;

  export_result->success = roster_members_view_export_finish (ROSTER_MEMBERS_VIEW (object), result, &error);
  g_assert_no_error (error);
  export_result->done = TRUE;
}

static gboolean
export_is_done (gpointer data)
{
  return ((ExportResult *) data)->done;
}

/* Exports the view's export members to a new file and returns its
 * records, without the header. */
static GStrv
export_records (Fixture    *fixture,
                const char *directory)
{
  g_autofree char *path = g_build_filename (directory, "members.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ExportResult result = { 0 };
  GStrv records;
  guint n_records;

  roster_members_view_export_async (fixture->view, file, on_exported, &result);
  roster_test_wait_until (export_is_done, &result, "the export to be written");
  g_assert_true (result.success);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "user_id,name,email,roles\r\n"));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));

  records = g_strsplit (contents + strlen ("user_id,name,email,roles\r\n"), "\r\n", -1);
  n_records = g_strv_length (records);
  g_assert_cmpstr (records[n_records - 1], ==, "");
  g_clear_pointer (&records[n_records - 1], g_free);

  g_unlink (path);

  return records;
}

/* Without a selection, Export writes every member the search matches;
 * with one, the selected members, hidden ones included. */
static void
test_export_matching_or_selected (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("roster-export-XXXXXX", &error);
  g_auto(GStrv) matching = NULL;
  g_auto(GStrv) selected = NULL;

  g_assert_no_error (error);
  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);

  search (fixture, "samlp|corp/");
  matching = export_records (fixture, directory);
  g_assert_cmpuint (g_strv_length (matching), ==, 6);
  for (guint i = 0; matching[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (matching[i], "samlp|corp/"));
  g_assert_cmpstr (matching[0], ==, "samlp|corp/lzolc,Łukasz Żółć,lukasz.zolc@acme.example,Developer");

  search (fixture, "hopper");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  search (fixture, "samlp|corp/jdoe");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  search (fixture, "no such member");
  g_assert_true (g_action_group_get_action_enabled (roster_members_view_get_action_group (fixture->view),
                                                    "export-csv"));

  selected = export_records (fixture, directory);
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  g_assert_cmpstr (selected[0], ==, "auth0|65f0c1a2b3d4e5f607182934,Grace Hopper,grace.hopper@acme.example,Admin; Support");
  g_assert_cmpstr (selected[1], ==, "samlp|corp/jdoe,John Doe,jdoe@acme.example,");

  g_rmdir (directory);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static RosterMemberDetails *
find_details_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ROSTER_IS_MEMBER_DETAILS (window))
        return ROSTER_MEMBER_DETAILS (window);
    }

  return NULL;
}

static gboolean
details_are_mapped (gpointer data)
{
  RosterMemberDetails *details = find_details_window ();

  return details != NULL && gtk_widget_get_mapped (GTK_WIDGET (details));
}

/* Activating a row opens a window with every field of the member, the
 * roles included, and "Not set" for a missing picture. */
static gboolean
avatar_has_picture (gpointer data)
{
  AdwAvatar *avatar = roster_member_details_get_avatar (data);

  return adw_avatar_get_custom_image (avatar) != NULL;
}

static void
test_row_activation_shows_details (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *column_view;
  RosterMemberDetails *details;

  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);
  search (fixture, "hopper");

  column_view = roster_test_find_widget (GTK_WIDGET (fixture->view), roster_test_is_column_view, NULL);
  g_assert_nonnull (column_view);
  g_signal_emit_by_name (column_view, "activate", 0);
  roster_test_wait_until (details_are_mapped, NULL, "the member details to map");

  details = find_details_window ();
  g_assert_cmpstr (roster_member_get_user_id (roster_member_details_get_member (details)), ==,
                   "auth0|65f0c1a2b3d4e5f607182934");
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (details), is_label, "grace.hopper@acme.example"));
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (details),
                                             is_label, "auth0|65f0c1a2b3d4e5f607182934"));
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (details), is_label, "Admin, Support"));
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (details), is_label, "Not set"));

  /* Grace Hopper has no picture, so her avatar keeps the initials. */
  g_assert_null (adw_avatar_get_custom_image (roster_member_details_get_avatar (details)));

  g_object_add_weak_pointer (G_OBJECT (details), (gpointer *) &details);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "window.close", NULL));
  roster_test_wait_until (roster_test_pointer_is_null, &details, "the member details to finalize");
}

/* A member with a picture gets it in the details' avatar, downloaded from
 * the demo tenant. */
static void
test_details_show_picture (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *column_view;
  RosterMemberDetails *details;

  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);
  search (fixture, "lovelace");

  column_view = roster_test_find_widget (GTK_WIDGET (fixture->view), roster_test_is_column_view, NULL);
  g_assert_nonnull (column_view);
  g_signal_emit_by_name (column_view, "activate", 0);
  roster_test_wait_until (details_are_mapped, NULL, "the member details to map");

  details = find_details_window ();
  g_assert_nonnull (roster_member_get_picture (roster_member_details_get_member (details)));
  roster_test_wait_until (avatar_has_picture, details, "the member's picture to load");

  g_object_add_weak_pointer (G_OBJECT (details), (gpointer *) &details);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "window.close", NULL));
  roster_test_wait_until (roster_test_pointer_is_null, &details, "the member details to finalize");
}

static gboolean
is_list_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget);
}

static gboolean
is_sidebar (GtkWidget     *widget,
            gconstpointer  data)
{
  return ROSTER_IS_SIDEBAR (widget);
}

/* The sidebar search matches display names and names, ignoring case and
 * accents, and hiding the open organization leaves it open. */
static void
test_sidebar_search (Fixture       *fixture,
                     gconstpointer  data)
{
  RosterSidebar *sidebar;
  GListModel *matching;
  g_autoptr(RosterOrganization) organization = NULL;

  open_organization (fixture, NULL, ROSTER_DEMO_ORG_ACME);
  sidebar = ROSTER_SIDEBAR (roster_test_find_widget (GTK_WIDGET (fixture->window), is_sidebar, NULL));
  g_assert_nonnull (sidebar);
  matching = roster_sidebar_get_matching_organizations (sidebar);

  roster_sidebar_set_search_text (sidebar, "ZURICH");
  g_assert_cmpuint (g_list_model_get_n_items (matching), ==, 1);
  organization = g_list_model_get_item (matching, 0);
  g_assert_cmpstr (roster_organization_get_display_name (organization), ==, "Zürich Rückversicherung");

  /* "societe-generale-essai" is the name, "Société Générale d'Essai" the
   * display name: both match. */
  roster_sidebar_set_search_text (sidebar, "société générale");
  g_assert_cmpuint (g_list_model_get_n_items (matching), ==, 1);
  roster_sidebar_set_search_text (sidebar, "generale-essai");
  g_assert_cmpuint (g_list_model_get_n_items (matching), ==, 1);

  roster_sidebar_set_search_text (sidebar, "no such organization");
  g_assert_cmpuint (g_list_model_get_n_items (matching), ==, 0);
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                             roster_test_is_mapped_status_page, "No Results"));

  /* Acme stays open while the search hides it, and is selected again
   * when the search shows it. */
  g_assert_nonnull (roster_members_view_get_organization (fixture->view));
  g_assert_cmpstr (roster_organization_get_id (roster_sidebar_get_selected_organization (sidebar)), ==,
                   ROSTER_DEMO_ORG_ACME);
  roster_sidebar_set_search_text (sidebar, "");
  g_assert_cmpstr (roster_organization_get_id (roster_sidebar_get_selected_organization (sidebar)), ==,
                   ROSTER_DEMO_ORG_ACME);
  g_assert_cmpuint (g_list_model_get_n_items (matching), ==,
                    g_list_model_get_n_items (roster_window_get_organizations (fixture->window)));
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (
                   gtk_list_view_get_model (GTK_LIST_VIEW (
                     roster_test_find_widget (GTK_WIDGET (sidebar), is_list_view, NULL))))) != NULL);
}

static void
add_test (const char    *path,
          void         (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = GTK_APPLICATION (adw_application_new ("io.github.roster_app.Roster.MembersViewTest",
                                                      G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add_test ("/members-view/search/table", test_search_table);
  add_test ("/members-view/search/no-results", test_search_no_results_page);
  add_test ("/members-view/search/arriving-rows", test_search_filters_arriving_rows);
  add_test ("/members-view/selection/select-all-under-search", test_select_all_under_search);
  add_test ("/members-view/selection/remove-includes-hidden", test_remove_includes_hidden);
  add_test ("/members-view/selection/select-all-while-filtering", test_select_all_while_filtering);
  add_test ("/members-view/sidebar/search", test_sidebar_search);
  add_test ("/members-view/roles/with-scope", test_roles_with_scope);
  add_test ("/members-view/roles/without-scope", test_roles_without_scope);
  add_test ("/members-view/copy-user-ids", test_copy_user_ids);
  add_test ("/members-view/details/row-activation", test_row_activation_shows_details);
  add_test ("/members-view/details/picture", test_details_show_picture);
  add_test ("/members-view/export/needs-complete-list", test_export_needs_complete_list);
  add_test ("/members-view/export/matching-or-selected", test_export_matching_or_selected);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
