#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(ExecAction)
    .add("command", &Self::command)
END_FIELDS

FIELDS(HTTPHeader)
    .add("name", &Self::name, Always)
    .add("value", &Self::value, Always)
END_FIELDS

FIELDS(HTTPGetAction)
    .add("path", &Self::path)
    .add("port", &Self::port, Always)
    .add("host", &Self::host)
    .add("scheme", &Self::scheme)
    .add("httpHeaders", &Self::httpHeaders)
END_FIELDS

FIELDS(TCPSocketAction)
    .add("port", &Self::port, Always)
    .add("host", &Self::host)
END_FIELDS

FIELDS(GRPCAction)
    .add("port", &Self::port, Always)
    .add("service", &Self::service)
END_FIELDS

FIELDS(SleepAction)
    .add("seconds", &Self::seconds, Always)
END_FIELDS

FIELDS(Probe)
    .add("exec", &Self::exec)
    .add("httpGet", &Self::httpGet)
    .add("tcpSocket", &Self::tcpSocket)
    .add("grpc", &Self::grpc)
    .add("initialDelaySeconds", &Self::initialDelaySeconds)
    .add("timeoutSeconds", &Self::timeoutSeconds)
    .add("periodSeconds", &Self::periodSeconds)
    .add("successThreshold", &Self::successThreshold)
    .add("failureThreshold", &Self::failureThreshold)
    .add("terminationGracePeriodSeconds", &Self::terminationGracePeriodSeconds)
END_FIELDS

FIELDS(LifecycleHandler)
    .add("exec", &Self::exec)
    .add("httpGet", &Self::httpGet)
    .add("tcpSocket", &Self::tcpSocket)
    .add("sleep", &Self::sleep)
END_FIELDS

FIELDS(Lifecycle)
    .add("postStart", &Self::postStart)
    .add("preStop", &Self::preStop)
END_FIELDS

FIELDS(ObjectFieldSelector)
    .add("apiVersion", &Self::apiVersion)
    .add("fieldPath", &Self::fieldPath, Always)
END_FIELDS

FIELDS(ResourceFieldSelector)
    .add("containerName", &Self::containerName)
    .add("resource", &Self::resource, Always)
    .add("divisor", &Self::divisor)
END_FIELDS

FIELDS(ConfigMapKeySelector)
    .add("name", &Self::name)
    .add("key", &Self::key, Always)
    .add("optional", &Self::optional)
END_FIELDS

FIELDS(SecretKeySelector)
    .add("name", &Self::name)
    .add("key", &Self::key, Always)
    .add("optional", &Self::optional)
END_FIELDS

FIELDS(EnvVarSource)
    .add("fieldRef", &Self::fieldRef)
    .add("resourceFieldRef", &Self::resourceFieldRef)
    .add("configMapKeyRef", &Self::configMapKeyRef)
    .add("secretKeyRef", &Self::secretKeyRef)
END_FIELDS

FIELDS(EnvVar)
    .add("name", &Self::name, Always)
    .add("value", &Self::value)
    .add("valueFrom", &Self::valueFrom)
END_FIELDS

FIELDS(ConfigMapEnvSource)
    .add("name", &Self::name)
    .add("optional", &Self::optional)
END_FIELDS

FIELDS(SecretEnvSource)
    .add("name", &Self::name)
    .add("optional", &Self::optional)
END_FIELDS

FIELDS(EnvFromSource)
    .add("prefix", &Self::prefix)
    .add("configMapRef", &Self::configMapRef)
    .add("secretRef", &Self::secretRef)
END_FIELDS

FIELDS(ContainerPort)
    .add("name", &Self::name)
    .add("hostPort", &Self::hostPort)
    .add("containerPort", &Self::containerPort, Always)
    .add("protocol", &Self::protocol)
    .add("hostIP", &Self::hostIP)
END_FIELDS

FIELDS(ResourceRequirements)
    .add("limits", &Self::limits)
    .add("requests", &Self::requests)
    .unmodelled({"claims"})
END_FIELDS

FIELDS(VolumeMount)
    .add("name", &Self::name, Always)
    .add("readOnly", &Self::readOnly)
    .add("recursiveReadOnly", &Self::recursiveReadOnly)
    .add("mountPath", &Self::mountPath, Always)
    .add("subPath", &Self::subPath)
    .add("mountPropagation", &Self::mountPropagation)
    .add("subPathExpr", &Self::subPathExpr)
END_FIELDS

FIELDS(Container)
    .add("name", &Self::name, Always)
    .add("image", &Self::image)
    .add("command", &Self::command)
    .add("args", &Self::args)
    .add("workingDir", &Self::workingDir)
    .add("ports", &Self::ports)
    .add("envFrom", &Self::envFrom)
    .add("env", &Self::env)
    .add("resources", &Self::resources)
    .add("restartPolicy", &Self::restartPolicy)
    .add("volumeMounts", &Self::volumeMounts)
    .add("livenessProbe", &Self::livenessProbe)
    .add("readinessProbe", &Self::readinessProbe)
    .add("startupProbe", &Self::startupProbe)
    .add("lifecycle", &Self::lifecycle)
    .add("terminationMessagePath", &Self::terminationMessagePath)
    .add("terminationMessagePolicy", &Self::terminationMessagePolicy)
    .add("imagePullPolicy", &Self::imagePullPolicy)
    .add("stdin", &Self::stdin_)
    .add("stdinOnce", &Self::stdinOnce)
    .add("tty", &Self::tty)
    .unmodelled({"securityContext", "resizePolicy", "volumeDevices"})
END_FIELDS

} // namespace podlab::manifest
