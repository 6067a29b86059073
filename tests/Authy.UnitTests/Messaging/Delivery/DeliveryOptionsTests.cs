using System.ComponentModel.DataAnnotations;
using Authy.Infrastructure.Messaging.HttpGateway;
using Authy.Infrastructure.Messaging.Smtp;

namespace Authy.UnitTests.Messaging.Delivery;

/// <summary>The start-up checks of the Smtp and HttpGateway sections (the same validation ValidateDataAnnotations runs).</summary>
public sealed class DeliveryOptionsTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    private static List<string> Problems(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Empty)];
    }

    private static SmtpOptions Smtp(Action<SmtpOptions>? change = null)
    {
        var options = new SmtpOptions { Host = "smtp.example.com", FromAddress = "security@example.com" };
        change?.Invoke(options);
        return options;
    }

    private static HttpGatewayOptions Gateway(Action<HttpGatewayOptions>? change = null)
    {
        var options = new HttpGatewayOptions { Url = "https://sms.example.com/send", Secret = Secret };
        change?.Invoke(options);
        return options;
    }

    [Fact]
    public void Smtp_Defaults_Are587WithStartTls()
    {
        var options = Smtp();

        Assert.Empty(Problems(options));
        Assert.Equal(587, options.Port);
        Assert.Equal(SmtpSecurity.StartTls, options.Security);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public void Smtp_NoTlsToLoopback_IsAllowed(string host) =>
        Assert.Empty(Problems(Smtp(o => (o.Host, o.Security) = (host, SmtpSecurity.None))));

    [Fact]
    public void Smtp_NoTlsToRemoteHost_IsRefused() =>
        Assert.Contains(Problems(Smtp(o => o.Security = SmtpSecurity.None)), p => p.Contains("Smtp:Security=None", StringComparison.Ordinal));

    [Fact]
    public void Smtp_NoTlsToRemoteHostWithAllowInsecure_IsAllowed() =>
        Assert.Empty(Problems(Smtp(o => (o.Security, o.AllowInsecure) = (SmtpSecurity.None, true))));

    [Fact]
    public void Smtp_UsernameWithoutPassword_IsRefused() =>
        Assert.Contains(Problems(Smtp(o => o.Username = "apikey")), p => p.Contains("Smtp:Password is required", StringComparison.Ordinal));

    [Fact]
    public void Smtp_PasswordWithoutUsername_IsRefused() =>
        Assert.Contains(Problems(Smtp(o => o.Password = "secret")), p => p.Contains("Smtp:Username is required", StringComparison.Ordinal));

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@example.com, b@example.com")]
    [InlineData("Acme <a@example.com>")]
    public void Smtp_FromAddressNotOneBareAddress_IsRefused(string from) =>
        Assert.Contains(Problems(Smtp(o => o.FromAddress = from)), p => p.Contains("Smtp:FromAddress", StringComparison.Ordinal));

    [Fact]
    public void Smtp_MissingHostAndFrom_AreRequired() =>
        Assert.Equal(2, Problems(new SmtpOptions()).Count);

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Smtp_PortOutOfRange_IsRefused(int port) =>
        Assert.NotEmpty(Problems(Smtp(o => o.Port = port)));

    [Fact]
    public void Gateway_HttpsWithLongSecret_IsValid() => Assert.Empty(Problems(Gateway()));

    [Theory]
    [InlineData("http://127.0.0.1:8080/sms")]
    [InlineData("http://localhost/sms")]
    public void Gateway_HttpToLoopback_IsAllowed(string url) => Assert.Empty(Problems(Gateway(o => o.Url = url)));

    [Fact]
    public void Gateway_HttpToRemoteHost_IsRefused() =>
        Assert.Contains(Problems(Gateway(o => o.Url = "http://sms.example.com/send")), p => p.Contains("http://", StringComparison.Ordinal));

    [Fact]
    public void Gateway_HttpToRemoteHostWithAllowInsecure_IsAllowed() =>
        Assert.Empty(Problems(Gateway(o => (o.Url, o.AllowInsecure) = ("http://sms.internal/send", true))));

    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://sms.example.com/")]
    [InlineData("not a url")]
    public void Gateway_NotAnHttpUrl_IsRefused(string url) =>
        Assert.Contains(Problems(Gateway(o => o.Url = url)), p => p.Contains("absolute https://", StringComparison.Ordinal));

    [Fact]
    public void Gateway_SecretOf31Bytes_IsRefused() =>
        Assert.Contains(Problems(Gateway(o => o.Secret = Secret[..31])), p => p.Contains("at least 32 bytes", StringComparison.Ordinal));

    [Theory]
    [InlineData("X-Authy-Gateway-Signature")]
    [InlineData("content-type")]
    [InlineData("Bad Header")]
    public void Gateway_ReservedOrInvalidHeader_IsRefused(string name) =>
        Assert.Contains(Problems(Gateway(o => o.Headers[name] = "x")), p => p.Contains("HttpGateway:Headers:", StringComparison.Ordinal));

    [Fact]
    public void Gateway_ExtraHeader_IsAllowed() => Assert.Empty(Problems(Gateway(o => o.Headers["X-Api-Key"] = "k")));
}
