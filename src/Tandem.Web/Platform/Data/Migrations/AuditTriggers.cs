using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Web.Platform.Data.Migrations;

/// <summary>Database triggers that refuse UPDATE and DELETE on audit_entries: the trail is append-only even for raw SQL.</summary>
internal static class AuditTriggers
{
    private const string Message = "audit_entries is append-only";

    public static void Create(MigrationBuilder b)
    {
        if (IsPostgres(b))
        {
            b.Sql($"""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '{Message}'; END $$;
                """);
            b.Sql("CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();");
        }
        else
        {
            b.Sql($"CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, '{Message}'); END;");
            b.Sql($"CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, '{Message}'); END;");
        }
    }

    public static void Drop(MigrationBuilder b)
    {
        if (IsPostgres(b))
        {
            b.Sql("DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries;");
            b.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");
        }
        else
        {
            b.Sql("DROP TRIGGER IF EXISTS audit_entries_no_update;");
            b.Sql("DROP TRIGGER IF EXISTS audit_entries_no_delete;");
        }
    }

    internal static bool IsPostgres(MigrationBuilder b) => b.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
