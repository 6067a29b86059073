namespace Authy.Infrastructure.Persistence;

/// <summary>
/// A server-wide value kept in the database, shared by every node (for example the master key's check value, read at
/// start so a wrong key refuses to start instead of writing data no one can read).
/// </summary>
public sealed class ServerState
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
