using System.Net;
using Authy.Application.Messaging;
using Authy.IntegrationTests.Support;
using MimeKit;

namespace Authy.IntegrationTests.Delivery;

/// <summary>
/// email/{id} through the real Smtp provider to an SMTP server on loopback: the MIME message as received, credentials,
/// a refused recipient (failed at once) and a temporary refusal (retried). On both database providers.
/// </summary>
public abstract class SmtpDeliveryTests(DeliveryApiFactory factory)
{
    public sealed class OnPostgres(DeliveryApiFactory<Postgres> factory) : SmtpDeliveryTests(factory), IClassFixture<DeliveryApiFactory<Postgres>>;

    public sealed class OnSqlite(DeliveryApiFactory<Sqlite> factory) : SmtpDeliveryTests(factory), IClassFixture<DeliveryApiFactory<Sqlite>>;

    private async Task<(int AppId, HttpClient Client, long Id, string Email)> NewUserAsync(string appName = "Banco Uno")
    {
        var app = await factory.CreateAppAsync(appName);
        var client = factory.CreateApiClient(app.ApiKey);
        var email = $"ana.{Guid.NewGuid():N}@example.com";
        return (app.Id, client, await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next(), email), email);
    }

    [Fact]
    public async Task PostEmail_SmtpProvider_ServerReceivesLocalizedMultipartMessageWithAValidCode()
    {
        var (appId, client, id, email) = await NewUserAsync();

        var response = await client.PostFormAsync($"/protected/json/email/{id}", ("locale", "es"));
        var mail = await factory.Smtp.WaitForAsync(email);
        var mime = mail.Parse();
        var text = mime.BodyParts.OfType<TextPart>().Single(p => p.IsPlain);
        var html = mime.BodyParts.OfType<TextPart>().Single(p => p.IsHtml);
        var code = Codes.Extract(text.Text);
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Email);
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(("PLAIN", DeliveryApiFactory.SmtpUser, DeliveryApiFactory.SmtpPassword), (mail.AuthMechanism, mail.AuthUser, mail.AuthPassword));
        Assert.Equal(DeliveryApiFactory.SmtpFrom, mail.EnvelopeFrom);
        Assert.Equal([email], mail.Recipients);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mime.From));
        Assert.Equal((DeliveryApiFactory.SmtpFromName, DeliveryApiFactory.SmtpFrom), (from.Name, from.Address));
        Assert.Equal(email, Assert.IsType<MailboxAddress>(Assert.Single(mime.To)).Address);
        Assert.Equal("Tu código de verificación de Banco Uno", mime.Subject);
        Assert.Contains("=?utf-8?", RawHeader(mail, "Subject"), StringComparison.OrdinalIgnoreCase); // RFC 2047 encoded word
        Assert.Equal("Content-Language: es", RawHeader(mail, "Content-Language"));
        Assert.Equal("multipart/alternative", Assert.IsType<MultipartAlternative>(mime.Body).ContentType.MimeType);
        Assert.Contains("Tu código de verificación de Banco Uno es:", text.Text, StringComparison.Ordinal);
        Assert.Contains(code, html.Text, StringComparison.Ordinal);
        Assert.Contains("lang=\"es\"", html.Text, StringComparison.Ordinal);
        Assert.Equal("utf-8", text.ContentType.Charset?.ToLowerInvariant());
        Assert.False(string.IsNullOrEmpty(mime.MessageId));
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Equal((OutboxStatus.Delivered, "smtp", mime.MessageId, 1), (row.Status, row.Provider, row.ProviderMessageId, row.Attempts));
    }

    [Fact]
    public async Task PostEmail_RecipientRefused550_FailsAtOnceAsRecipientRefusedAndLogsNoAddress()
    {
        var (appId, client, id, email) = await NewUserAsync();
        factory.Smtp.ReplyToNextRecipients($"550 5.1.1 <{email}>: Recipient address rejected: User unknown");

        await client.PostFormAsync($"/protected/json/email/{id}");
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Email);

        Assert.Equal((OutboxStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("(RecipientRefused)", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(email, row.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(factory.Logs.Lines, m => m.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(factory.Smtp.Received, m => m.Recipients.Contains(email));
    }

    [Fact]
    public async Task PostEmail_RecipientDeferred451_IsRetriedAndDelivered()
    {
        var (appId, client, id, email) = await NewUserAsync();
        factory.Smtp.ReplyToNextRecipients("451 4.3.0 Try again later");
        var sessionsBefore = factory.Smtp.Sessions;

        await client.PostFormAsync($"/protected/json/email/{id}");
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Email);
        var mail = await factory.Smtp.WaitForAsync(email);

        Assert.Equal((OutboxStatus.Delivered, 2), (row.Status, row.Attempts));
        Assert.Equal(2, factory.Smtp.Sessions - sessionsBefore);
        Assert.Equal(mail.Parse().MessageId, row.ProviderMessageId);
    }

    private static string RawHeader(ReceivedMail mail, string name)
    {
        var raw = System.Text.Encoding.Latin1.GetString(mail.Data);
        var start = raw.IndexOf("\r\n" + name + ":", StringComparison.OrdinalIgnoreCase);
        return start < 0 ? string.Empty : raw[(start + 2)..raw.IndexOf("\r\n", start + 2, StringComparison.Ordinal)];
    }
}
