using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Hosting;

/// <summary>
/// Background work that runs once at start and then every <see cref="Interval"/>, on every node. A round that fails
/// (the database may be down) is logged and the next round tries again; nothing is lost by waiting.
/// </summary>
public abstract partial class PeriodicWork(ILogger logger) : BackgroundService
{
    /// <summary>Real time, not the injected clock: this is a schedule. Rounds take their cutoffs from the clock.</summary>
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await RunRoundAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRoundFailed(logger, GetType().Name, Interval, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Work} round failed; retrying in {Interval}")]
    private static partial void LogRoundFailed(ILogger logger, string work, TimeSpan interval, Exception exception);
}
