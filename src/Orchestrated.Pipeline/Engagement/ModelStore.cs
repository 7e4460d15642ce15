using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// Models in storage: <c>models/&lt;name&gt;/&lt;version&gt;/</c> holds <c>model.zip</c> (ML.NET's format),
/// <c>features.json</c> (the feature list it takes, in order) and <c>metrics.json</c> (its <see cref="ModelCard"/>);
/// <c>models/&lt;name&gt;/published.json</c> names the version that scores. A version is the date it was trained as
/// of, so training that date again replaces it rather than adding one.
/// </summary>
public sealed class ModelStore(IObjectStore store)
{
    public const string Dropout = "dropout";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string VersionFor(DateOnly trainedAsOf) => $"v{trainedAsOf:yyyy-MM-dd}";

    public static string Folder(string name, string version) => $"models/{name}/{version}/";

    public async Task<IReadOnlyList<StoredObject>> SaveAsync(ModelCard card, DropoutModel model, CancellationToken ct)
    {
        var folder = Folder(card.Name, card.Version);
        return
        [
            await store.WriteAsync(folder + "model.zip", (s, _) => { model.Save(s); return Task.CompletedTask; }, ct),
            await store.WriteAsync(folder + "features.json", (s, t) => JsonSerializer.SerializeAsync(s, card.Features, Json, t), ct),
            await store.WriteAsync(folder + "metrics.json", (s, t) => JsonSerializer.SerializeAsync(s, card, Json, t), ct),
        ];
    }

    public Task<StoredObject> PublishAsync(string name, string version, CancellationToken ct) =>
        store.WriteAsync($"models/{name}/published.json",
            (s, t) => JsonSerializer.SerializeAsync(s, new Dictionary<string, string> { ["version"] = version }, Json, t), ct);

    public async Task<string?> PublishedVersionAsync(string name, CancellationToken ct)
    {
        var key = $"models/{name}/published.json";
        if (await store.StatAsync(key, ct) is null) return null;
        await using var stream = await store.OpenReadAsync(key, ct);
        return (await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(stream, Json, ct))?.GetValueOrDefault("version");
    }

    public async Task<ModelCard> CardAsync(string name, string version, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(Folder(name, version) + "metrics.json", ct);
        return await JsonSerializer.DeserializeAsync<ModelCard>(stream, Json, ct)
            ?? throw new InvalidDataException($"{store.Describe(Folder(name, version) + "metrics.json")} is empty.");
    }

    public async Task<DropoutModel> ModelAsync(string name, string version, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(Folder(name, version) + "model.zip", ct);
        var copy = new MemoryStream(); // ML.NET reads the zip with seeks
        await stream.CopyToAsync(copy, ct);
        copy.Position = 0;
        return DropoutModel.Load(copy);
    }

    /// <summary>Every stored version of a model with its card, oldest first.</summary>
    public async Task<IReadOnlyList<ModelCard>> ListAsync(string name, CancellationToken ct)
    {
        var versions = (await store.ListAsync($"models/{name}/", ct))
            .Where(o => o.Key.EndsWith("/metrics.json", StringComparison.Ordinal))
            .Select(o => o.Key[$"models/{name}/".Length..^"/metrics.json".Length])
            .Order(StringComparer.Ordinal).ToList();
        var cards = new List<ModelCard>();
        foreach (var version in versions) cards.Add(await CardAsync(name, version, ct));
        return cards;
    }
}
