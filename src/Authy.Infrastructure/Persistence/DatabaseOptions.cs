namespace Authy.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Postgres,
    Sqlite,
}

/// <summary>Storage (section <c>Database</c>; the connection string is <c>ConnectionStrings:Authy</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Postgres</c> or <c>Sqlite</c>. Default: Postgres when <c>ConnectionStrings:Authy</c> is set, else the embedded SQLite file.</summary>
    public DatabaseProvider? Provider { get; set; }

    /// <summary>Apply pending migrations at start. Default: true on the embedded default, false otherwise (run <c>migrate</c>).</summary>
    public bool? ApplyMigrationsOnStartup { get; set; }

    /// <summary>Where the embedded default keeps its database and key file. Default <c>App_Data</c> under the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";
}

/// <summary>The storage settings after defaults were applied.</summary>
public sealed record ResolvedDatabase(DatabaseProvider Provider, string ConnectionString, bool ApplyMigrationsOnStartup, bool IsEmbeddedDefault, string DataDirectory);
