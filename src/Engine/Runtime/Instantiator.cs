namespace Djinn.Engine.Runtime;

internal static class Instantiator
{
    public static Instance Instantiate(Store store, Module module, object[] imports, Action<Instance> beforeStart) =>
        throw new NotImplementedException();
}
