using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TypedSessions.Purging;

/// <summary>
/// The <c>sessions</c> commands an app runs from its command line (<c>dotnet run -- sessions clear-expired</c>), as
/// Django's <c>manage.py clearsessions</c>: what they print and the exit code.
/// </summary>
internal static class SessionsCommand
{
    public const string Name = "sessions";

    public const string ClearExpired = "clear-expired";

    public const int Success = 0;

    public const int Failure = 1;

    public const int UsageError = 2;

    public static readonly string Usage = $"""
        Usage: {Name} <command> [--configuration:key=value ...]

        Commands:
          {ClearExpired}   Remove expired sessions from the store and print how many (Django's clearsessions).

        The app's configuration applies as when it serves requests; switches such as
        --ConnectionStrings:Sessions=... may follow the command.

        """;

    /// <summary>Runs the command <paramref name="args"/> name, or returns <see langword="null"/> when they name none.</summary>
    /// <returns>The exit code, or <see langword="null"/> when the first argument is not <c>sessions</c>.</returns>
    public static async Task<int?> RunAsync(
        IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Count == 0 || !string.Equals(args[0], Name, StringComparison.Ordinal))
        {
            return null;
        }

        if (services.GetService<TypedSessionsMarker>() is null)
        {
            throw new InvalidOperationException("TypedSessions is not registered: call builder.Services.AddTypedSessions() and choose a store.");
        }

        var command = args.Count > 1 ? args[1] : null;
        switch (command)
        {
            case ClearExpired:
                return await ClearExpiredAsync(services, output, error, cancellationToken).ConfigureAwait(false);
            case "help" or "--help" or "-h":
                await output.WriteAsync(Usage).ConfigureAwait(false);
                return Success;
            default:
                await error.WriteLineAsync(command is null ? "No sessions command given." : $"Unknown sessions command '{command}'.").ConfigureAwait(false);
                await error.WriteAsync(Usage).ConfigureAwait(false);
                return UsageError;
        }
    }

    private static async Task<int> ClearExpiredAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var removed = await services.GetRequiredService<ISessionManager>().ClearExpiredAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(removed == 1
                ? "Removed 1 expired session."
                : string.Create(CultureInfo.InvariantCulture, $"Removed {removed} expired sessions.")).ConfigureAwait(false);
            return Success;
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A cron job reads the exit code and the error output; the log gets the details.
            var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("TypedSessions.Purge");
            Log.ClearExpiredCommandFailed(logger, exception);
            await error.WriteLineAsync($"Could not remove expired sessions: {exception.Message}").ConfigureAwait(false);
            return Failure;
        }
    }
}
