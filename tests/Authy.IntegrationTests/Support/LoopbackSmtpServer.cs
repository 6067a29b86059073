using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// A small SMTP server (RFC 5321) on a loopback port, enough for a real client to deliver to it: EHLO/HELO, AUTH PLAIN
/// and LOGIN checked against one user name and password, MAIL FROM (refused before AUTH), RCPT TO, DATA with
/// dot-unstuffing, RSET, NOOP and QUIT. No STARTTLS: the provider is tested with <c>Security=None</c>, which it allows
/// only to loopback. <see cref="ReplyToNextRecipients"/> makes RCPT answer chosen 4xx/5xx replies.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    // The bytes of DATA are kept exactly: Latin-1 maps each byte to one char and back.
    private static readonly Encoding Bytes = Encoding.Latin1;

    private readonly TcpListener _listener;
    private readonly string _username;
    private readonly string _password;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _recipientReplies = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly Task _acceptLoop;
    private int _sessions;

    private LoopbackSmtpServer(string username, string password)
    {
        _username = username;
        _password = password;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections clients opened (a retry opens a new one).</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    public static LoopbackSmtpServer Start(string username, string password) => new(username, password);

    /// <summary>The next RCPT commands get these replies (e.g. <c>550 5.1.1 No such user</c>), in order; then 250.</summary>
    public void ReplyToNextRecipients(params string[] replies)
    {
        foreach (var reply in replies)
        {
            _recipientReplies.Enqueue(reply);
        }
    }

    public async Task<ReceivedMail> WaitForAsync(string recipient, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(15)))
        {
            if (_received.FirstOrDefault(m => m.Recipients.Contains(recipient)) is { } mail)
            {
                return mail;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No e-mail to {recipient} reached the SMTP server ({_received.Count} received).");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _sessions);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Bytes);
        await using var writer = new StreamWriter(stream, Bytes) { NewLine = "\r\n", AutoFlush = true };
        var session = new Session();
        try
        {
            await writer.WriteLineAsync("220 127.0.0.1 Authy test SMTP server ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (!await HandleAsync(line, session, reader, writer))
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up (or the server stops): nothing to record.
        }
    }

    /// <summary>Answers one command; false once the session is over.</summary>
    private async Task<bool> HandleAsync(string line, Session session, StreamReader reader, StreamWriter writer)
    {
        var verb = (line.Split(' ', 2)[0]).ToUpperInvariant();
        var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : string.Empty;
        switch (verb)
        {
            case "EHLO":
                await writer.WriteAsync("250-127.0.0.1 greets you\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 ENHANCEDSTATUSCODES\r\n");
                return true;
            case "HELO":
                await writer.WriteLineAsync("250 127.0.0.1");
                return true;
            case "AUTH":
                await AuthenticateAsync(argument, session, reader, writer);
                return true;
            case "MAIL":
                if (session.User is null)
                {
                    await writer.WriteLineAsync("530 5.7.0 Authentication required");
                    return true;
                }

                session.From = Address(argument);
                session.Recipients.Clear();
                await writer.WriteLineAsync("250 2.1.0 Ok");
                return true;
            case "RCPT":
                if (session.From is null)
                {
                    await writer.WriteLineAsync("503 5.5.1 MAIL first");
                    return true;
                }

                var reply = _recipientReplies.TryDequeue(out var queued) ? queued : "250 2.1.5 Ok";
                if (reply.StartsWith('2'))
                {
                    session.Recipients.Add(Address(argument));
                }

                await writer.WriteLineAsync(reply);
                return true;
            case "DATA":
                if (session.Recipients.Count == 0)
                {
                    await writer.WriteLineAsync("554 5.5.1 No valid recipients");
                    return true;
                }

                await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                var data = await ReadDataAsync(reader);
                _received.Enqueue(new ReceivedMail(session.From!, [.. session.Recipients], session.Mechanism!, session.User!, session.Password!, data));
                session.From = null;
                session.Recipients.Clear();
                await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                return true;
            case "RSET":
                session.From = null;
                session.Recipients.Clear();
                await writer.WriteLineAsync("250 2.0.0 Ok");
                return true;
            case "NOOP":
                await writer.WriteLineAsync("250 2.0.0 Ok");
                return true;
            case "QUIT":
                await writer.WriteLineAsync("221 2.0.0 Bye");
                return false;
            default:
                await writer.WriteLineAsync("502 5.5.2 Command not implemented");
                return true;
        }
    }

    private async Task AuthenticateAsync(string argument, Session session, StreamReader reader, StreamWriter writer)
    {
        var parts = argument.Split(' ', 2);
        var mechanism = parts[0].ToUpperInvariant();
        string user;
        string password;
        if (mechanism == "PLAIN")
        {
            // RFC 4616: base64 of authzid NUL authcid NUL password, inline or after an empty 334 challenge.
            var response = parts.Length > 1 ? parts[1] : await Challenge(string.Empty);
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            (user, password) = fields.Length == 3 ? (fields[1], fields[2]) : (string.Empty, string.Empty);
        }
        else if (mechanism == "LOGIN")
        {
            user = Decode(parts.Length > 1 ? parts[1] : await Challenge("VXNlcm5hbWU6"));
            password = Decode(await Challenge("UGFzc3dvcmQ6"));
        }
        else
        {
            await writer.WriteLineAsync("504 5.5.4 Unrecognized authentication type");
            return;
        }

        if (user != _username || password != _password)
        {
            await writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
            return;
        }

        (session.Mechanism, session.User, session.Password) = (mechanism, user, password);
        await writer.WriteLineAsync("235 2.7.0 Authentication successful");

        async Task<string> Challenge(string prompt)
        {
            await writer.WriteLineAsync("334 " + prompt);
            return await reader.ReadLineAsync() ?? string.Empty;
        }

        static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
    }

    /// <summary>Lines up to the lone dot, with the leading dot that the client doubled removed (RFC 5321 §4.5.2).</summary>
    private static async Task<byte[]> ReadDataAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line && line != ".")
        {
            data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
        }

        return Bytes.GetBytes(data.ToString());
    }

    /// <summary>The address of <c>FROM:&lt;a@b&gt; BODY=8BITMIME</c> or <c>TO:&lt;a@b&gt;</c>.</summary>
    private static string Address(string argument)
    {
        var start = argument.IndexOf('<', StringComparison.Ordinal);
        var end = argument.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument;
    }

    private sealed class Session
    {
        public string? Mechanism { get; set; }

        public string? User { get; set; }

        public string? Password { get; set; }

        public string? From { get; set; }

        public List<string> Recipients { get; } = [];
    }
}

/// <summary>One message as the SMTP server received it: envelope, the credentials the client logged in with, and the raw DATA.</summary>
public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> Recipients, string AuthMechanism, string AuthUser, string AuthPassword, byte[] Data)
{
    public MimeMessage Parse() => MimeMessage.Load(new MemoryStream(Data));
}
