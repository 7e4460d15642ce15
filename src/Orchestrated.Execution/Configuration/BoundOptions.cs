using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orchestrated.Execution.Configuration;

/// <summary>
/// An options class bound once, at start: an unknown key in its section is refused, every rule it declares
/// (data annotations) is checked, and its secret files are read — each failure naming the setting. The instance is
/// then registered as itself and as <see cref="IOptions{T}"/>; nothing reads the configuration strings again.
/// </summary>
public static class BoundOptions
{
    public static T AddBound<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class, new()
    {
        var value = Bind<T>(configuration, section);
        services.AddSingleton(value);
        services.AddSingleton<IOptions<T>>(Options.Create(value));
        return value;
    }

    public static T Bind<T>(IConfiguration configuration, string section) where T : class, new()
    {
        T value;
        try
        {
            value = configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"{section}: {e.Message}", e);
        }
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            var errors = results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
            throw new ArgumentException(string.Join(" ", errors));
        }
        if (value is ISecretFiles secrets) secrets.ReadSecretFiles();
        return value;
    }
}
